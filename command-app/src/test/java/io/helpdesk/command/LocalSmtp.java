package io.helpdesk.command;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * A real SMTP server in this JVM (GreenMail) on a port of its own, for the tests whose replies go out as mail;
 * stopped and started again on the same port to play a server that is down for a while.
 */
public final class LocalSmtp {

    public final int port = freePort();

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** command-app delivers replies through it. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("helpdesk.delivery.enabled", () -> "true");
        registry.add("SMTP_HOST", () -> "127.0.0.1");
        registry.add("SMTP_PORT", () -> port);
    }
}
