package io.helpdesk.projections.shadow;

import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which read models' rebuild twins may write: only the one a rebuild (or what-if) on this instance runs. Axon
 * starts every processor with the app, the twins too, until the rebuild service stops them; events that reach a
 * twin meanwhile are passed over (a rebuild starts its twin from the first event anyway), so a twin never writes
 * into shadow tables that no rebuild has made for it.
 */
@Component
public class ShadowGates {

    private final Set<String> open = ConcurrentHashMap.newKeySet();

    public void open(String readModel) {
        open.add(readModel);
    }

    public void close(String readModel) {
        open.remove(readModel);
    }

    public boolean isOpen(String readModel) {
        return open.contains(readModel);
    }
}
