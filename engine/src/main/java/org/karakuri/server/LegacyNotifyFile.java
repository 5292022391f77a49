package org.karakuri.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code KARAKURI_HOME/notify.yaml}, where versions before the {@code notifications:} section of
 * {@code engine.yaml} kept the webhook and the mail: still read, so an update loses no
 * notification, with a warning that says where the settings belong now.
 */
final class LegacyNotifyFile {
    private static final Logger log = LoggerFactory.getLogger(LegacyNotifyFile.class);

    private LegacyNotifyFile() {}

    static Optional<JsonNode> read(Path home) {
        Path file = home.resolve("notify.yaml");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        log.warn("{} is read for its notifications; move them to the notifications: section of engine.yaml "
            + "(webhook, smtp, mail-to, mail-from; see docs/configuration.md)", file);
        try {
            return Optional.ofNullable(new YAMLMapper().readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            log.error("{}: cannot read: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
