package org.wsss.hnn.internal;

import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The array manager of {@link HnnNetwork}'s inference sessions: every intermediate array is
 * allocated afresh and its native memory freed as soon as the session releases it.
 *
 * <p>Why: SameDiff's default manager keeps released arrays for reuse up to a quarter of
 * JavaCPP's {@code maxBytes} (by default the Java heap's maximum) per thread. Inference batches
 * come in many sizes (the last ROIs of each lesion's walk), an array is reused only for a size
 * within a factor of two, so the cache keeps growing towards that bound; with a 6 GB heap that is
 * off-heap memory the process never gives back. Allocating the arrays afresh for every pass
 * did not show in the CPU time of {@code wsss segment} (docs/nifti-csv.md).
 */
final class ClosingMemoryMgr extends AbstractMemoryMgr {

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return Nd4j.createUninitialized(dataType, shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return Nd4j.createUninitialized(descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
    }

    @Override
    public void release(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
