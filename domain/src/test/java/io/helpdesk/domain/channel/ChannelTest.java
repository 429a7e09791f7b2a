package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class ChannelTest {

    private static final ChannelId ID = new ChannelId("c-1");
    private static final ChannelCreated PUBLIC = new ChannelCreated("c-1", ChannelType.PUBLIC, "support", null, "ana",
                                                                    List.of("ana"));
    private static final ChannelCreated PRIVATE = new ChannelCreated("c-1", ChannelType.PRIVATE, "leads", null, "ana",
                                                                     List.of("ana", "bo"));
    private static final ChannelCreated DIRECT = new ChannelCreated("c-1", ChannelType.DIRECT, null, null, "ana",
                                                                    List.of("ana", "bo"));

    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    @Test
    void the_creator_is_a_member() {
        fixture.givenNoPriorActivity()
               .when(new CreateChannel(ID, ChannelType.PRIVATE, "leads", null, "ana", List.of("bo", "ana")))
               .expectEvents(PRIVATE);
    }

    @Test
    void a_direct_channel_has_exactly_two_members_for_good() {
        fixture.givenNoPriorActivity()
               .when(new CreateChannel(ID, ChannelType.DIRECT, null, null, "ana", List.of("bo", "cy")))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("a direct channel has exactly two members, not 3");
        fixture.given(DIRECT)
               .when(new AddMember(ID, "ana", "cy"))
               .expectException(RuleViolation.class);
        fixture.given(DIRECT)
               .when(new LeaveChannel(ID, "bo"))
               .expectException(RuleViolation.class);
        fixture.given(DIRECT)
               .when(new RenameChannel(ID, "gossip", "ana"))
               .expectException(RuleViolation.class);
    }

    @Test
    void anyone_joins_a_public_channel_but_a_private_one_needs_a_member_to_add_you() {
        fixture.given(PUBLIC)
               .when(new JoinChannel(ID, "cy"))
               .expectEvents(new MemberJoined("c-1", "cy"));
        fixture.given(PRIVATE)
               .when(new JoinChannel(ID, "cy"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("channel c-1 is private; a member must add you");
        fixture.given(PRIVATE)
               .when(new AddMember(ID, "bo", "cy"))
               .expectEvents(new MemberAdded("c-1", "cy", "bo"));
        fixture.given(PRIVATE)
               .when(new AddMember(ID, "cy", "dee"))
               .expectException(RuleViolation.class);
        fixture.given(PRIVATE)
               .when(new RemoveMember(ID, "ana", "bo"))
               .expectEvents(new MemberRemoved("c-1", "bo", "ana"));
        fixture.given(PUBLIC, new MemberJoined("c-1", "cy"))
               .when(new LeaveChannel(ID, "cy"))
               .expectEvents(new MemberLeft("c-1", "cy"));
    }

    @Test
    void only_members_post_to_a_private_channel() {
        fixture.given(PRIVATE)
               .when(new PostMessage(ID, "m-1", "cy", "hi", null, null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("cy is not a member of channel c-1");
        fixture.given(PRIVATE)
               .when(new PostMessage(ID, "m-1", "bo", "@ana see ticket", null, "t-9"))
               .expectEvents(new MessagePosted("c-1", "m-1", "bo", "@ana see ticket", null, "t-9", List.of("ana")));
    }

    @Test
    void replies_go_into_the_thread_of_an_existing_message() {
        MessagePosted root = new MessagePosted("c-1", "m-1", "ana", "question", null, null, List.of());
        fixture.given(PUBLIC, root)
               .when(new PostMessage(ID, "m-2", "bo", "answer", "m-1", null))
               .expectEvents(new MessagePosted("c-1", "m-2", "bo", "answer", "m-1", null, List.of()));
        fixture.given(PUBLIC)
               .when(new PostMessage(ID, "m-2", "bo", "answer", "m-404", null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("channel c-1 has no message m-404");
    }

    @Test
    void posting_the_same_message_id_twice_changes_nothing() {
        MessagePosted posted = new MessagePosted("c-1", "m-1", "ana", "hi", null, null, List.of());
        fixture.given(PUBLIC, posted)
               .when(new PostMessage(ID, "m-1", "ana", "hi", null, null))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void authors_edit_and_delete_their_own_messages_only() {
        MessagePosted posted = new MessagePosted("c-1", "m-1", "ana", "hi @bo", null, null, List.of("bo"));
        fixture.given(PUBLIC, posted)
               .when(new EditMessage(ID, "m-1", "ana", "hello @cy"))
               .expectEvents(new MessageEdited("c-1", "m-1", "ana", "hello @cy", List.of("cy")));
        fixture.given(PUBLIC, posted)
               .when(new EditMessage(ID, "m-1", "bo", "hacked"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("message m-1 was written by ana");
        fixture.given(PUBLIC, posted)
               .when(new DeleteMessage(ID, "m-1", "ana"))
               .expectEvents(new MessageDeleted("c-1", "m-1", "ana"));
        fixture.given(PUBLIC, posted, new MessageDeleted("c-1", "m-1", "ana"))
               .when(new EditMessage(ID, "m-1", "ana", "again"))
               .expectException(RuleViolation.class);
    }

    @Test
    void an_archived_channel_takes_no_more_posts() {
        fixture.given(PUBLIC)
               .when(new ArchiveChannel(ID, "ana"))
               .expectEvents(new ChannelArchived("c-1", "ana"));
        fixture.given(PUBLIC, new ChannelArchived("c-1", "ana"))
               .when(new PostMessage(ID, "m-1", "ana", "hello?", null, null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("channel c-1 is archived");
    }

    @Test
    void rename_and_topic() {
        fixture.given(PUBLIC)
               .when(new RenameChannel(ID, "support-eu", "ana"))
               .expectEvents(new ChannelRenamed("c-1", "support-eu", "ana"));
        fixture.given(PUBLIC)
               .when(new SetChannelTopic(ID, "EU queue", "ana"))
               .expectEvents(new ChannelTopicSet("c-1", "EU queue", "ana"));
    }
}
