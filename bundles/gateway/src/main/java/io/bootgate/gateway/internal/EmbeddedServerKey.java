package io.bootgate.gateway.internal;

import io.bootgate.dtls.KeyMaterial;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The public key of the embedded bootstrap server, which the devices must trust. The {@code BootstrapServer}
 * service does not expose its key, so it is read from the server's key file: the {@code privateKeyFile} of
 * its configuration (pid {@value #SERVER_PID}), by default {@code ${karaf.etc}/bootgate/bootstrap-server.key.pem},
 * which the server creates on its first start, before its service is registered.
 */
final class EmbeddedServerKey {

    static final String SERVER_PID = "io.bootgate.bootstrap.server";
    static final String PRIVATE_KEY_FILE = "privateKeyFile";

    private EmbeddedServerKey() {
    }

    /** The key file the server is configured with. */
    static Path keyFile(ConfigurationAdmin configurationAdmin) throws IOException {
        String configured = null;
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations("(service.pid=" + SERVER_PID + ")");
            if (configurations != null && configurations.length > 0) {
                Dictionary<String, Object> properties = configurations[0].getProperties();
                Object value = properties == null ? null : properties.get(PRIVATE_KEY_FILE);
                configured = value == null ? null : value.toString().strip();
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter rejected", e);
        }
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        // The server's own default (BootstrapServerComponent): etc/ of Karaf, or of the working directory.
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "etc" : etc).resolve("bootgate").resolve("bootstrap-server.key.pem");
    }

    /** The public key of the server's key file. */
    static PublicKey publicKey(ConfigurationAdmin configurationAdmin) throws IOException, GeneralSecurityException {
        Path file = keyFile(configurationAdmin);
        try {
            return KeyMaterial.readKeyPair(file).getPublic();
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("bootstrap server key " + file + ": " + e.getMessage(), e);
        }
    }
}
