package io.helpdesk.eventstore.seal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The sealed history (helpdesk.seal.*).
 *
 * @param privateKey base64 of the 32-byte Ed25519 private key that signs checkpoints and exports; the apps refuse
 *                   to start without one (the 'local' profile sets a development key)
 * @param enabled    whether this app seals (command-app does; query-app only signs exports)
 * @param window     how old an event must be before it is sealed: a younger one may still have a lower position
 *                   than one not yet committed (the store's gap window)
 * @param interval   how often the sealer looks for events to seal
 */
@ConfigurationProperties("helpdesk.seal")
public record SealSettings(String privateKey, Boolean enabled, Duration window, Duration interval) {

    public SealSettings {
        enabled = enabled != null && enabled;
        window = window == null ? Duration.ofSeconds(60) : window;
        interval = interval == null ? Duration.ofSeconds(5) : interval;
    }

    public SealKey key() {
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalStateException("No key to seal the history with: set SEAL_PRIVATE_KEY to the base64 of "
                    + "32 random bytes (openssl rand -base64 32), the same for command-app and query-app, kept "
                    + "outside the database; or run with the 'local' profile");
        }
        return SealKey.of(privateKey);
    }
}
