package org.wsss.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J and OpenCV load their natives through one javacpp; this proves both run in one JVM,
 * in either order, with results checked.
 */
class NativeStacksTest {

    @Test
    void nd4jAndOpenCvRunInOneJvm() {
        // ND4J: a matrix product.
        try (INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
             INDArray b = Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}});
             INDArray c = a.mmul(b)) {
            assertEquals(DataType.FLOAT, c.dataType());
            assertEquals(19f, c.getFloat(0, 0), 1e-6);
            assertEquals(50f, c.getFloat(1, 1), 1e-6);
        }
        // OpenCV: a box blur of a single bright pixel spreads it evenly over 3x3.
        try (Mat m = new Mat(5, 5, opencv_core.CV_32F, new org.bytedeco.opencv.opencv_core.Scalar(0.0));
             Mat out = new Mat();
             Size k = new Size(3, 3)) {
            m.ptr(2, 2).putFloat(9f);
            opencv_imgproc.blur(m, out, k);
            assertEquals(1f, out.ptr(1, 1).getFloat(), 1e-6);
            assertEquals(0f, out.ptr(0, 0).getFloat(), 1e-6);
        }
        // ND4J again after OpenCV has loaded its libraries.
        try (INDArray s = Nd4j.linspace(1, 10, 10, DataType.DOUBLE)) {
            assertEquals(55.0, s.sumNumber().doubleValue(), 1e-9);
        }
    }
}
