import { command } from './api';

export interface MacroView {
  macroId: string;
  name: string;
  version: number;
  actions: { type: string; value: string | null; team: string | null; tags: string[] }[];
}

export interface Applied {
  macroId: string;
  version: number;
  applicationId: string;
  results: { ticketId: string; applied: boolean; status: number | null; problem: string | null }[];
}

export function listMacros(): Promise<MacroView[]> {
  return command<MacroView[]>('GET', '/api/macros');
}

/** Applies the macro to the tickets, each in one step; answers what happened to each. */
export function applyMacro(macroId: string, ticketIds: string[]): Promise<Applied> {
  return command<Applied>('POST', `/api/macros/${encodeURIComponent(macroId)}/apply`, { ticketIds });
}

/** Reverts an application on every ticket not changed since; answers what happened to each. */
export function undoApplication(applicationId: string): Promise<Applied> {
  return command<Applied>('POST', `/api/macros/applications/${encodeURIComponent(applicationId)}/undo`);
}

/** "2 applied; 1 refused: ticket 1a2b3c4d: the ticket is closed" */
export function summary(applied: Applied): string {
  const done = applied.results.filter((r) => r.applied).length;
  const refused = applied.results.filter((r) => !r.applied);
  return done + ' applied' + (refused.length === 0 ? '' : '; ' + refused.length + ' refused: '
    + refused.map((r) => 'ticket ' + r.ticketId.slice(0, 8) + ': ' + r.problem).join('; '));
}
