package io.helpdesk.query.live;

import io.helpdesk.projections.shadow.ShadowProjections;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** When a waiting request's position counts as reached, from the read models' segment tokens. */
class ReadYourWritesTest {

    private static TrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(Arrays.asList(gaps)));
    }

    /** Every read model with two segments at the given tokens. */
    private static Map<String, List<TrackingToken>> everyReadModel(TrackingToken first, TrackingToken second) {
        Map<String, List<TrackingToken>> readModels = new HashMap<>();
        ShadowProjections.TABLES.keySet().forEach(name -> readModels.put(name, new ArrayList<>(Arrays.asList(first, second))));
        return readModels;
    }

    @Test
    void a_position_is_reached_when_every_segment_of_every_read_model_is_at_or_past_it() {
        assertThat(ReadYourWrites.reached(everyReadModel(at(100), at(120)), 100)).isTrue();
        assertThat(ReadYourWrites.reached(everyReadModel(at(99), at(120)), 100)).isFalse();
    }

    @Test
    void an_open_gap_at_the_position_is_not_reached_but_gaps_below_it_do_not_hold_it_back() {
        assertThat(ReadYourWrites.reached(everyReadModel(at(120, 100L), at(120)), 100)).isFalse();
        assertThat(ReadYourWrites.reached(everyReadModel(at(120, 90L, 95L), at(120)), 100)).isTrue();
    }

    @Test
    void a_read_model_missing_or_without_segments_or_not_started_holds_every_position_back() {
        Map<String, List<TrackingToken>> oneMissing = everyReadModel(at(200), at(200));
        oneMissing.remove(ShadowProjections.TABLES.keySet().iterator().next());
        assertThat(ReadYourWrites.reached(oneMissing, 100)).isFalse();

        Map<String, List<TrackingToken>> noSegments = everyReadModel(at(200), at(200));
        noSegments.values().iterator().next().clear();
        assertThat(ReadYourWrites.reached(noSegments, 100)).isFalse();

        assertThat(ReadYourWrites.reached(everyReadModel(at(200), null), 100)).isFalse();
    }

    @Test
    void a_replaying_segment_counts_where_its_replay_has_got_to() {
        TrackingToken replaying = ReplayToken.createReplayToken(at(500), at(80));
        assertThat(ReadYourWrites.reached(everyReadModel(replaying, at(500)), 100)).isFalse();
        assertThat(ReadYourWrites.reached(everyReadModel(replaying, at(500)), 80)).isTrue();
    }
}
