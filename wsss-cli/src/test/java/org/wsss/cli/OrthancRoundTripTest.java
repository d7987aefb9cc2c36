package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.DicomSegmentation;
import org.wsss.io.DeepLesion;
import org.wsss.io.Nifti;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

/**
 * A PACS round trip: a CT series pushed to a local Orthanc, pulled back over its REST API,
 * segmented by {@code wsss segment --dicom}, the SEG stored in Orthanc and read back from it.
 * Runs where Orthanc is installed (CI installs the Debian package).
 */
class OrthancRoundTripTest {

    @Test
    void pushPullSegmentStoreAndReadBack(@TempDir Path tmp) throws Exception {
        assumeTrue(Orthanc.installed(), "Orthanc is not installed");
        LesionDataset cases = DeepLesion.open(Phantom.export(PhantomConfig.defaults().withCount(1).withSeed(23)
                .withFov(96, 112), tmp.resolve("dl")));
        String id = cases.get(0).id();
        Path marks = Dicom.export(cases, tmp.resolve("local"));
        CtSeries local = Dicom.read(tmp.resolve("local")).series().get(0);

        Orthanc orthanc = Orthanc.start(Files.createDirectories(tmp.resolve("orthanc")));
        try {
            for (Path f : local.files()) {
                orthanc.store(f);
            }
            List<String> series = orthanc.lookup(local.seriesInstanceUid());
            assertEquals(1, series.size(), "the series is in Orthanc");
            Path pulled = Files.createDirectories(tmp.resolve("pulled"));
            List<String> instances = orthanc.instancesOfSeries(series.get(0));
            assertEquals(local.files().size(), instances.size());
            for (String instance : instances) {
                orthanc.download(instance, pulled.resolve(instance + ".dcm"));
            }

            Path out = tmp.resolve("out");
            Cli r = Cli.run("segment", "--dicom", pulled.toString(), "--recist", marks.toString(), "--method",
                    "grabcut-3de", "--out", out.toString(), "--no-progress");
            assertEquals(0, r.code(), r::toString);
            CtSeries pulledSeries = Dicom.read(pulled).series().get(0);
            Path seg = Dicom.segmentationFile(out, pulledSeries);
            String segId = orthanc.store(seg);
            String tags = orthanc.get("/instances/" + segId + "/simplified-tags").body();
            assertTrue(tags.contains("\"Modality\" : \"SEG\"") || tags.contains("\"Modality\": \"SEG\""), tags);

            Path back = tmp.resolve("back.seg.dcm");
            orthanc.download(segId, back);
            DicomSegmentation read = Dicom.readSegmentation(back, pulledSeries);
            Mask3D mask = Nifti.readMask(out.resolve(id + ".nii.gz"));
            assertTrue(mask.count() > 0);
            assertEquals(local.seriesInstanceUid(), read.referencedSeriesUid());
            assertArrayEquals(mask.toArray(), read.segment(id).orElseThrow().mask().toArray());
        } finally {
            orthanc.close();
        }
        assertFalse(orthanc.alive(), "Orthanc is stopped");
    }
}
