export interface VisitsTable {
  id: string;
  day: string;
  number: number;
  status: string;
  for_staff: string | null;
  served_by: string | null;
  urgent: number;
  customer_id: string | null;
  ticket_id: string | null;
  arrived_at: number;
  called_at: number | null;
  finished_at: number | null;
  data: string;
  updated_at: number;
}

export interface VisitDesksTable {
  username: string;
  state: string;
  on_shift: number;
  visit_id: string | null;
  since: number;
  counter: string | null;
  phone_call_id: string | null;
}

export interface VisitIdCopiesTable {
  id: string;
  visit_id: string;
  purpose: string;
  content_type: string;
  size: number;
  key_id: string;
  iv: string;
  tag: string;
  ciphertext: string;
  stored_by: string;
  stored_at: number;
}

export interface VisitMessagesTable {
  id: string;
  visit_id: string | null;
  for_staff: string;
  status: string;
  urgent: number;
  deadline: number;
  taken_at: number;
  passed_on_at: number | null;
  escalated_at: number | null;
  data: string;
}

export interface VisitCardsTable {
  id: string;
  staff: string;
  visit_id: string | null;
  shift_day: string | null;
  scored_by: string;
  scored_at: number;
  scores: string;
  note: string | null;
}
