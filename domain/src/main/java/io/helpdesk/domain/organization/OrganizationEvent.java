package io.helpdesk.domain.organization;

/** Every event of an organization. */
public sealed interface OrganizationEvent permits OrganizationCreated, OrganizationChanged,
        OrganizationFieldsSet {
    String organizationId();
}
