package org.wsss.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.io.DeepLesion;
import org.wsss.io.DeepLesionDataset;
import org.wsss.io.Nifti;

/**
 * A segmentation job killed half-way (SIGKILL of the {@code spark-submit}-like JVM running
 * {@link WsssSpark} on {@code local[2]}, so no clean-up runs) and rerun gives every mask exactly
 * once: the masks written before the kill are skipped, the rest are done, nothing is left over.
 */
class KilledJobTest {

    static final int LESIONS = 8;

    @Test
    void aKilledJobRerunGivesEveryMaskExactlyOnce(@TempDir Path tmp) throws Exception {
        Path data = SparkFixture.phantom(tmp.resolve("dl"), LESIONS);
        Path out = tmp.resolve("out");
        DeepLesionDataset ds = DeepLesion.open(data);
        Set<String> all = new HashSet<>();
        ds.forEach(c -> all.add(c.id() + ".nii.gz"));

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx1g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                WsssSpark.class.getName(), "segment", "--deeplesion", data.toString(), "--method", "grabcut-3de",
                "--out", out.toString(), "--partitions", "8"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (masks(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(p.isAlive());
        Set<String> before = new HashSet<>(masks(out));
        assertFalse(before.isEmpty(), "the job wrote nothing: " + Files.readString(tmp.resolve("child.log")));
        assertTrue(before.size() < LESIONS, "the job finished before it was killed");
        for (String m : before) {
            Nifti.readMask(out.resolve(m)); // complete: atomic writes leave no partial mask
        }

        SparkSession spark = SparkFixture.session();
        try {
            SparkJobs.Report r = SparkJobs.segment(spark, data.toString(), SegmentSettings.of("grabcut-3de"), null,
                    null, SparkJobs.Options.of(out.toString(), 3));
            assertEquals(all, new HashSet<>(masks(out)), "every mask, once");
            assertTrue(SparkFixture.temporaries(out).isEmpty(), "the killed job's temporaries are gone");
            Set<String> skipped = new HashSet<>();
            r.skipped().forEach(id -> skipped.add(id + ".nii.gz"));
            assertTrue(skipped.containsAll(before), "what the killed job wrote is not redone");
            assertEquals(LESIONS, r.done().size() + r.skipped().size());
            assertTrue(r.failures().isEmpty(), r.failures().toString());
            long ok = Files.readAllLines(out.resolve(SparkJobs.LESIONS_FILE)).stream()
                    .filter(l -> l.endsWith(",ok") || l.endsWith(",empty")).count();
            assertEquals(LESIONS, ok, "lesions.csv lists every lesion once");
        } finally {
            spark.stop();
        }
    }

    private static List<String> masks(Path out) {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        return SparkFixture.files(out, ".nii.gz").stream().map(p -> p.getFileName().toString()).toList();
    }
}
