package io.helpdesk.domain.ticket;

/** Where a customer reached the support team. */
public enum ContactChannel {
    EMAIL, CHAT, WHATSAPP, SMS, INSTAGRAM, FACEBOOK, PHONE, WEB
}
