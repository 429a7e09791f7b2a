package io.helpdesk.command.channel;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.channel.AddMember;
import io.helpdesk.domain.channel.ArchiveChannel;
import io.helpdesk.domain.channel.ChannelId;
import io.helpdesk.domain.channel.ChannelType;
import io.helpdesk.domain.channel.CreateChannel;
import io.helpdesk.domain.channel.DeleteMessage;
import io.helpdesk.domain.channel.EditMessage;
import io.helpdesk.domain.channel.JoinChannel;
import io.helpdesk.domain.channel.LeaveChannel;
import io.helpdesk.domain.channel.PostMessage;
import io.helpdesk.domain.channel.RemoveMember;
import io.helpdesk.domain.channel.RenameChannel;
import io.helpdesk.domain.channel.SetChannelTopic;
import io.helpdesk.domain.shared.Rule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Internal staff channels: membership, messages, threads, name, topic, archive. */
@RestController
public class ChannelEndpoints {

    private final CommandDispatcher commands;

    public ChannelEndpoints(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Create(@NotNull ChannelType type, @Size(max = 80) String name, @Size(max = 250) String topic,
                         @Size(max = 500) List<@NotBlank @Size(max = 200) String> members) {
    }

    public record Done(String channelId) {
    }

    @Refuses(Rule.DirectChannelHasTwoMembers)
    @PostMapping("/api/channels")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<Done>> create(@Valid @RequestBody Create request, ServerWebExchange exchange) {
        ChannelId id = ChannelId.newId();
        return commands.send(new CreateChannel(id, request.type(), request.name(), request.topic(),
                                               Actor.of(exchange), request.members()), exchange)
                       .thenReturn(ResponseEntity.created(URI.create("/api/channels/" + id))
                                                 .body(new Done(id.value())));
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.DirectChannelMembershipIsFixed, Rule.PrivateChannelByInvitation})
    @PostMapping("/api/channels/{channelId}/join")
    public Mono<Done> join(@PathVariable String channelId, ServerWebExchange exchange) {
        return send(new JoinChannel(new ChannelId(channelId), Actor.of(exchange)), channelId, exchange);
    }

    @Refuses(Rule.DirectChannelMembershipIsFixed)
    @PostMapping("/api/channels/{channelId}/leave")
    public Mono<Done> leave(@PathVariable String channelId, ServerWebExchange exchange) {
        return send(new LeaveChannel(new ChannelId(channelId), Actor.of(exchange)), channelId, exchange);
    }

    public record Member(@NotBlank @Size(max = 200) String member) {
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.DirectChannelMembershipIsFixed, Rule.MembersOnly})
    @PostMapping("/api/channels/{channelId}/members")
    public Mono<Done> addMember(@PathVariable String channelId, @Valid @RequestBody Member body,
                                ServerWebExchange exchange) {
        return send(new AddMember(new ChannelId(channelId), Actor.of(exchange), body.member()), channelId, exchange);
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.DirectChannelMembershipIsFixed, Rule.MembersOnly})
    @DeleteMapping("/api/channels/{channelId}/members/{member}")
    public Mono<Done> removeMember(@PathVariable String channelId, @PathVariable String member,
                                   ServerWebExchange exchange) {
        return send(new RemoveMember(new ChannelId(channelId), Actor.of(exchange), member), channelId, exchange);
    }

    public record Post(@Size(max = 64) String messageId, @NotBlank @Size(max = 40_000) String body,
                       @Size(max = 64) String threadRootId, @Size(max = 64) String ticketId) {
    }

    public record Posted(String channelId, String messageId) {
    }

    /** {@code messageId} is optional; a client that sends its own can retry safely: the same id posts once. */
    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.MembersOnly, Rule.MessageMustExist})
    @PostMapping("/api/channels/{channelId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<Posted>> post(@PathVariable String channelId, @Valid @RequestBody Post body,
                                             ServerWebExchange exchange) {
        String messageId = body.messageId() == null || body.messageId().isBlank()
                ? UUID.randomUUID().toString() : body.messageId();
        return commands.send(new PostMessage(new ChannelId(channelId), messageId, Actor.of(exchange), body.body(),
                                             body.threadRootId(), body.ticketId()), exchange)
                       .thenReturn(ResponseEntity.status(201).body(new Posted(channelId, messageId)));
    }

    public record Text(@NotBlank @Size(max = 40_000) String body) {
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.MessageMustExist, Rule.OwnMessagesOnly})
    @PutMapping("/api/channels/{channelId}/messages/{messageId}")
    public Mono<Done> edit(@PathVariable String channelId, @PathVariable String messageId,
                           @Valid @RequestBody Text body, ServerWebExchange exchange) {
        return send(new EditMessage(new ChannelId(channelId), messageId, Actor.of(exchange), body.body()), channelId,
                    exchange);
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.MessageMustExist, Rule.OwnMessagesOnly})
    @DeleteMapping("/api/channels/{channelId}/messages/{messageId}")
    public Mono<Done> delete(@PathVariable String channelId, @PathVariable String messageId,
                             ServerWebExchange exchange) {
        return send(new DeleteMessage(new ChannelId(channelId), messageId, Actor.of(exchange)), channelId, exchange);
    }

    public record Name(@NotBlank @Size(max = 80) String name) {
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.DirectChannelHasNoName, Rule.MembersOnly})
    @PutMapping("/api/channels/{channelId}/name")
    public Mono<Done> rename(@PathVariable String channelId, @Valid @RequestBody Name body,
                             ServerWebExchange exchange) {
        return send(new RenameChannel(new ChannelId(channelId), body.name(), Actor.of(exchange)), channelId, exchange);
    }

    public record Topic(@Size(max = 250) String topic) {
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.MembersOnly})
    @PutMapping("/api/channels/{channelId}/topic")
    public Mono<Done> topic(@PathVariable String channelId, @Valid @RequestBody Topic body,
                            ServerWebExchange exchange) {
        return send(new SetChannelTopic(new ChannelId(channelId), body.topic(), Actor.of(exchange)), channelId,
                    exchange);
    }

    @Refuses({Rule.ArchivedChannelIsFrozen, Rule.MembersOnly})
    @PostMapping("/api/channels/{channelId}/archive")
    public Mono<Done> archive(@PathVariable String channelId, ServerWebExchange exchange) {
        return send(new ArchiveChannel(new ChannelId(channelId), Actor.of(exchange)), channelId, exchange);
    }

    private Mono<Done> send(Object command, String channelId, ServerWebExchange exchange) {
        return commands.send(command, exchange).then(Mono.just(new Done(channelId)));
    }
}
