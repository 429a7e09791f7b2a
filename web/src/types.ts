export interface InboxRow {
  ticketId: string;
  subject: string;
  customerEmail: string;
  customerName: string | null;
  channel: string;
  priority: string;
  status: string;
  assignee: string | null;
  team: string | null;
  category: string | null;
  tags: string[];
  openedAt: string;
  lastActivityAt: string;
  firstResponseAt: string | null;
  replyCount: number;
  slaDueAt: string | null;
  snoozed: boolean;
  snoozedUntil: string | null;
  contactId: string | null;
  organizationId: string | null;
  /** Custom fields' values by key: text, number (as text), date, option id(s), true/false. */
  fields: Record<string, unknown>;
}

export interface FileRef {
  sha256: string;
  name: string;
  size: number;
  contentType: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string | null;
  detail: string | null;
  delivery: 'SENT' | 'DELIVERED' | 'READ' | 'FAILED' | null;
  attachments: FileRef[];
  /** The event the line shows; a message's names it for a split. */
  eventId: string | null;
  /** The ticket a merged or split message came from. */
  fromTicket: string | null;
}

export interface CustomerContext {
  status: string;
  customerId: string | null;
  name: string | null;
  recentOrders: Record<string, unknown>[];
}

export interface TicketDetail extends InboxRow {
  /** The sequence number of the ticket's last event this view shows (sent back as If-Match). */
  version: number;
  timeline: TimelineEntry[];
  customer: CustomerContext | null;
  links: { ticketId: string; kind: string }[];
}

export interface SlaClock {
  target: string;
  cycle: number;
  state: string;
  startedAt: string;
  dueAt: string | null;
  atRiskAt: string | null;
  paused: boolean;
  breachedAt: string | null;
  stoppedAt: string | null;
  outcome: string | null;
}

export interface Notification {
  id: number;
  recipient: string;
  kind: string;
  ticketId: string | null;
  channelId: string | null;
  handoffId: string | null;
  actor: string | null;
  excerpt: string | null;
  at: string;
  read: boolean;
}

export interface ContactIdentity {
  identity: string;
  kind: string;
}

export interface OrganizationRef {
  organizationId: string;
  name: string;
}

export interface ContactSummary {
  contactId: string;
  name: string | null;
  language: string | null;
  identities: ContactIdentity[];
  organization: OrganizationRef | null;
  createdAt: string;
}

export interface ContactPage {
  items: ContactSummary[];
  next: string | null;
}

export interface ContactView extends ContactSummary {
  mergedInto: string | null;
  merged: string[];
  createdBy: string | null;
  tickets: { ticketId: string; contactId: string; customer: string; channel: string; subject: string;
             status: string; openedAt: string; lastActivityAt: string }[];
  satisfaction: { ticketId: string; score: number; comment: string | null; at: string }[];
}

export interface Organization {
  organizationId: string;
  name: string;
  domains: string[];
  contacts: number;
}

export interface FieldDefinition {
  key: string;
  entity: 'TICKET' | 'CONTACT' | 'ORGANIZATION';
  label: string;
  type: 'TEXT' | 'NUMBER' | 'DATE' | 'SELECT' | 'MULTI_SELECT' | 'CHECKBOX';
  options: { id: string; label: string }[];
}
