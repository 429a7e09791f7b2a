package io.helpdesk.query.live;

import io.helpdesk.query.ReadModels;
import io.helpdesk.projections.ReadModel;
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

    private static final java.util.Set<String> EVERY = java.util.Set.copyOf(ReadModels.names());

    private static TrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(Arrays.asList(gaps)));
    }

    /** Every read model with two segments at the given tokens. */
    private static Map<String, List<TrackingToken>> everyReadModel(TrackingToken first, TrackingToken second) {
        Map<String, List<TrackingToken>> readModels = new HashMap<>();
        ReadModels.names().forEach(name -> readModels.put(name, new ArrayList<>(Arrays.asList(first, second))));
        return readModels;
    }

    @Test
    void a_position_is_reached_when_every_segment_of_every_read_model_is_at_or_past_it() {
        assertThat(ReadYourWrites.reached(everyReadModel(at(100), at(120)), EVERY, 100)).isTrue();
        assertThat(ReadYourWrites.reached(everyReadModel(at(99), at(120)), EVERY, 100)).isFalse();
    }

    @Test
    void an_open_gap_at_the_position_is_not_reached_but_gaps_below_it_do_not_hold_it_back() {
        assertThat(ReadYourWrites.reached(everyReadModel(at(120, 100L), at(120)), EVERY, 100)).isFalse();
        assertThat(ReadYourWrites.reached(everyReadModel(at(120, 90L, 95L), at(120)), EVERY, 100)).isTrue();
    }

    @Test
    void a_read_model_missing_or_without_segments_or_not_started_holds_every_position_back() {
        Map<String, List<TrackingToken>> oneMissing = everyReadModel(at(200), at(200));
        oneMissing.remove(ReadModels.names().get(0));
        assertThat(ReadYourWrites.reached(oneMissing, EVERY, 100)).isFalse();

        Map<String, List<TrackingToken>> noSegments = everyReadModel(at(200), at(200));
        noSegments.values().iterator().next().clear();
        assertThat(ReadYourWrites.reached(noSegments, EVERY, 100)).isFalse();

        assertThat(ReadYourWrites.reached(everyReadModel(at(200), null), EVERY, 100)).isFalse();
    }

    @Test
    void a_replaying_segment_counts_where_its_replay_has_got_to() {
        TrackingToken replaying = ReplayToken.createReplayToken(at(500), at(80));
        assertThat(ReadYourWrites.reached(everyReadModel(replaying, at(500)), EVERY, 100)).isFalse();
        assertThat(ReadYourWrites.reached(everyReadModel(replaying, at(500)), EVERY, 80)).isTrue();
    }

    @Test
    void a_query_waits_for_the_read_models_that_answer_it_only() {
        Map<String, List<TrackingToken>> analyticsBehind = everyReadModel(at(200), at(200));
        analyticsBehind.put("analytics", new ArrayList<>(List.of(at(50))));
        java.util.Set<String> inbox = java.util.Set.of("inbox");
        assertThat(ReadYourWrites.reached(analyticsBehind, inbox, 100)).isTrue();
        assertThat(ReadYourWrites.reached(analyticsBehind, java.util.Set.of("analytics"), 100)).isFalse();
        assertThat(ReadModels.answering("/api/inbox")).extracting(ReadModel::name).containsExactly("inbox");
        assertThat(ReadModels.answering("/api/tickets/t1")).extracting(ReadModel::name).containsExactly("inbox");
        assertThat(ReadModels.answering("/api/sla/tickets/t1")).extracting(ReadModel::name).containsExactly("sla");
        assertThat(ReadModels.answering("/api/analytics/volume")).extracting(ReadModel::name)
                .containsExactly("analytics");
        assertThat(ReadModels.answering("/api/channels/c1/messages")).extracting(ReadModel::name)
                .containsExactly("channels");
        // A path no read model claims waits for all of them.
        assertThat(ReadModels.answering("/api/customers/a@b/context")).hasSize(ReadModels.all().size());
        assertThat(ReadModels.answering("/api/inboxes")).hasSize(ReadModels.all().size());
    }
}
