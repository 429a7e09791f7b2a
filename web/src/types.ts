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
