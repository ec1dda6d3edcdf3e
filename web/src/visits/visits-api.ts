import { api } from '../api/client';
import type {
  CalledVisit,
  CardBody,
  Desk,
  DeskBody,
  DisplayBoard,
  EscalateBody,
  HandOffBody,
  IdCopy,
  IdCopyBody,
  IdCopyList,
  MessageBody,
  ObservationCard,
  RegisterVisitBody,
  ScorecardList,
  Visit,
  VisitFigures,
  VisitList,
  VisitMessage,
} from '@contract/visits';

export type { CalledVisit, Desk, DisplayBoard, IdCopy, IdCopyList, ObservationCard, ScorecardList, Visit, VisitFigures, VisitList, VisitMessage };
export type { DeskState, VisitAction, VisitStatus } from '@contract/visits';

const at = (id: string) => `/api/visits/${encodeURIComponent(id)}`;

/** /api/visits (issue #16); the shapes are the server's contract (src/contract/visits.ts), read as types only. */
export const visitsApi = {
  list: (query: { status?: string; day?: string }, signal?: AbortSignal) => api.get<VisitList>('/api/visits', { query, ...(signal && { signal }) }),
  get: (id: string, signal?: AbortSignal) => api.get<Visit>(at(id), { ...(signal && { signal }) }),
  register: (body: RegisterVisitBody) => api.post<Visit>('/api/visits', body),
  display: (signal?: AbortSignal) => api.get<DisplayBoard>('/api/visits/display', { ...(signal && { signal }) }),
  desks: (signal?: AbortSignal) => api.get<{ items: Desk[] }>('/api/visits/desks', { ...(signal && { signal }) }),
  setMyDesk: (body: DeskBody) => api.post<Desk>('/api/visits/desks/me', body),
  call: (id: string) => api.post<CalledVisit>(`${at(id)}/call`, {}),
  handOff: (id: string, body: HandOffBody) => api.post<Visit>(`${at(id)}/handoff`, body),
  heldCall: (id: string, outcome: 'resumed' | 'lost') => api.post<Visit>(`${at(id)}/held-call`, { outcome }),
  message: (id: string, body: MessageBody) => api.post<{ visit: Visit; message: VisitMessage }>(`${at(id)}/message`, body),
  escalate: (id: string, body: EscalateBody) => api.post<Visit>(`${at(id)}/escalate`, body),
  finish: (id: string) => api.post<Visit>(`${at(id)}/finish`, {}),
  complaint: (id: string, body: { description: string }) => api.post<{ visit: Visit; ticketId: string }>(`${at(id)}/complaint`, body),
  messages: (query: { for?: string; status?: string }, signal?: AbortSignal) => api.get<{ items: VisitMessage[] }>('/api/visits/messages', { query, ...(signal && { signal }) }),
  passOn: (id: string) => api.post<VisitMessage>(`/api/visits/messages/${encodeURIComponent(id)}/pass-on`, {}),
  figures: (signal?: AbortSignal) => api.get<VisitFigures>('/api/visits/figures', { ...(signal && { signal }) }),
  recordCard: (body: CardBody) => api.post<ObservationCard>('/api/visits/cards', body),
  idCopies: (id: string, signal?: AbortSignal) => api.get<IdCopyList>(`${at(id)}/id-copies`, { ...(signal && { signal }) }),
  storeIdCopy: (id: string, body: IdCopyBody) => api.post<IdCopy>(`${at(id)}/id-copies`, body),
  /** The watermarked SVG (the only form a copy leaves the server in); each load is audited. */
  idCopyUrl: (copyId: string) => `/api/visits/id-copies/${encodeURIComponent(copyId)}`,
  scorecards: (signal?: AbortSignal) => api.get<ScorecardList>('/api/visits/scorecards', { ...(signal && { signal }) }),
};

/** The queue number as the centre shows it: three digits (007). */
export const queueNumber = (n: number): string => String(n).padStart(3, '0');
