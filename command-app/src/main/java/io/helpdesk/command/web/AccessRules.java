package io.helpdesk.command.web;

import io.helpdesk.security.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static io.helpdesk.security.Role.ADMIN;
import static io.helpdesk.security.Role.AGENT;
import static io.helpdesk.security.Role.MANAGER;

/**
 * Who may send which commands. Agents, managers and admins work tickets, handoffs and channels; viewers send
 * none. Inbound webhooks carry no token: each checks its provider's signature instead; so do signed links to a
 * reply's files. Finer rules (assigning
 * across teams, private channel membership, answering a handoff) are checked where the command is handled.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    @Bean
    SecurityWebFilterChain commandSecurity(ServerHttpSecurity http, ApiSecurity security) {
        return security.chain(http, rules -> rules
                .pathMatchers("/api/webhooks/**", "/api/links/**").permitAll()
                .pathMatchers("/api/admin/**").hasRole(ADMIN.name())
                // Managers write macros; staff read and apply them.
                .pathMatchers(HttpMethod.POST, "/api/macros").hasAnyRole(ApiSecurity.roles(MANAGER, ADMIN))
                .pathMatchers(HttpMethod.PUT, "/api/macros/*").hasAnyRole(ApiSecurity.roles(MANAGER, ADMIN))
                .pathMatchers("/api/macros", "/api/macros/**").hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN))
                // Managers set agents' routing profiles; agents their own availability (checked by the endpoint).
                .pathMatchers(HttpMethod.PUT, "/api/agents/*/availability")
                .hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN))
                .pathMatchers(HttpMethod.PUT, "/api/agents/*").hasAnyRole(ApiSecurity.roles(MANAGER, ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/agents").hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN))
                // Managers write rules and try them on history; staff read them.
                .pathMatchers(HttpMethod.GET, "/api/rules", "/api/rules/*")
                .hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN))
                .pathMatchers("/api/rules", "/api/rules/**").hasAnyRole(ApiSecurity.roles(MANAGER, ADMIN))
                // Managers and admins answer GDPR requests (erasure, access); staff keep contacts (merging
                // duplicates too); managers and admins keep organizations.
                .pathMatchers("/api/contacts/*/erasure", "/api/contacts/*/export")
                .hasAnyRole(ApiSecurity.roles(MANAGER, ADMIN))
                .pathMatchers("/api/organizations", "/api/organizations/**")
                .hasAnyRole(ApiSecurity.roles(MANAGER, ADMIN))
                .pathMatchers("/api/contacts", "/api/contacts/**").hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN))
                // Admins define custom fields (under /api/admin); staff read them and set tickets' values.
                .pathMatchers(HttpMethod.GET, "/api/fields").hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN))
                .pathMatchers("/api/tickets/**", "/api/tickets", "/api/attachments", "/api/handoffs/**", "/api/handoffs",
                              "/api/channels/**", "/api/channels")
                .hasAnyRole(ApiSecurity.roles(AGENT, MANAGER, ADMIN)));
    }
}
