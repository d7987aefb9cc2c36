package org.wsss.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this SDK, as built by Maven (read once from a filtered resource). */
public final class SdkVersion {

    private static final String VERSION = load();

    private SdkVersion() {
    }

    /** The SDK version, e.g. {@code 0.1.0-SNAPSHOT}; {@code "unknown"} when run outside a Maven build. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SdkVersion.class.getResourceAsStream("/org/wsss/api/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
