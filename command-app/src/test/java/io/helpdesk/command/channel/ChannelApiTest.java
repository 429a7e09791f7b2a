package io.helpdesk.command.channel;

import io.helpdesk.command.CommandApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelApiTest extends CommandApiTest {

    private String create(String actor, String type, String name, List<String> members) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("type", type, "members", members));
        if (name != null) {
            body.put("name", name);
        }
        Map<?, ?> created = post("/api/channels", actor, body)
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("channelId");
    }

    @Test
    void a_private_channel_is_for_its_members() {
        String channel = create("ana", "PRIVATE", "leads", List.of("bo"));
        post("/api/channels/" + channel + "/messages", "cy", Map.of("body", "let me in"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("MembersOnly");
        post("/api/channels/" + channel + "/join", "cy", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("PrivateChannelByInvitation");
        post("/api/channels/" + channel + "/members", "bo", Map.of("member", "cy")).expectStatus().isOk();

        Map<?, ?> root = post("/api/channels/" + channel + "/messages", "cy",
                              Map.of("body", "@ana see ticket", "ticketId", "t-42"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String rootId = (String) root.get("messageId");
        post("/api/channels/" + channel + "/messages", "ana", Map.of("body", "on it", "threadRootId", rootId))
                .expectStatus().isCreated();
        call(HttpMethod.PUT, "/api/channels/" + channel + "/messages/" + rootId, "ana", Map.of("body", "mine now"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("OwnMessagesOnly");
        call(HttpMethod.PUT, "/api/channels/" + channel + "/messages/" + rootId, "cy", Map.of("body", "@bo see ticket"))
                .expectStatus().isOk();
        call(HttpMethod.DELETE, "/api/channels/" + channel + "/messages/" + rootId, "cy", null).expectStatus().isOk();
        call(HttpMethod.DELETE, "/api/channels/" + channel + "/members/cy", "ana", null).expectStatus().isOk();
        call(HttpMethod.PUT, "/api/channels/" + channel + "/name", "ana", Map.of("name", "team-leads"))
                .expectStatus().isOk();
        call(HttpMethod.PUT, "/api/channels/" + channel + "/topic", "ana", Map.of("topic", "Escalations"))
                .expectStatus().isOk();
        post("/api/channels/" + channel + "/archive", "ana", null).expectStatus().isOk();
        post("/api/channels/" + channel + "/messages", "ana", Map.of("body", "anyone?"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("ArchivedChannelIsFrozen");

        assertThat(events(channel)).containsExactly("ChannelCreated", "MemberAdded", "MessagePosted", "MessagePosted",
                                                    "MessageEdited", "MessageDeleted", "MemberRemoved",
                                                    "ChannelRenamed", "ChannelTopicSet", "ChannelArchived");
    }

    @Test
    void public_channels_are_open_and_direct_ones_are_for_exactly_two() {
        String open = create("ana", "PUBLIC", "general", List.of());
        post("/api/channels/" + open + "/join", "bo", null).expectStatus().isOk();
        post("/api/channels/" + open + "/leave", "bo", null).expectStatus().isOk();
        post("/api/channels", "ana", Map.of("type", "DIRECT", "members", List.of("bo", "cy")))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("DirectChannelHasTwoMembers");
        String direct = create("ana", "DIRECT", null, List.of("bo"));
        post("/api/channels/" + direct + "/members", "ana", Map.of("member", "cy"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("DirectChannelMembershipIsFixed");
        post("/api/channels", "ana", Map.of("type", "PUBLIC", "members", List.of()))
                .expectStatus().isBadRequest();
    }

    @Test
    void a_message_posted_twice_with_its_own_id_is_stored_once() {
        String channel = create("ana", "PUBLIC", "general", List.of());
        Map<String, String> message = Map.of("messageId", "client-1", "body", "hello");
        post("/api/channels/" + channel + "/messages", "ana", message).expectStatus().isCreated();
        post("/api/channels/" + channel + "/messages", "ana", message).expectStatus().isCreated();
        assertThat(events(channel)).containsExactly("ChannelCreated", "MessagePosted");
    }
}
