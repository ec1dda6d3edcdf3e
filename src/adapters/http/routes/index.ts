import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { qualityRoutes } from './quality.js';
import { customerRoutes } from './customers.js';
import { ticketRoutes } from './tickets.js';
import { calendarRoutes } from './calendars.js';
import { callRoutes } from './calls.js';
import { eventStreamRoutes } from './event-stream.js';
import { callbackRoutes } from './callbacks.js';
import { standardRoutes } from './standard.js';
import { reviewRoutes } from './reviews.js';
import { knowledgeRoutes } from './knowledge.js';
import { bulletinRoutes } from './bulletins.js';
import { visitRoutes } from './visits.js';
import { retentionRoutes } from './retention.js';
import { readinessRoutes } from './readiness.js';
import { agentBoardRoutes } from './agent-board.js';
import { nameRoutes } from './names.js';

// Route modules of the product's features, registered after the foundation routes.
// A new module is one file in this folder plus one line here.
export const httpModules: Array<(app: HttpApp, ctx: AppContext) => void> = [
  qualityRoutes,
  customerRoutes,
  ticketRoutes,
  calendarRoutes,
  callRoutes,
  eventStreamRoutes,
  callbackRoutes,
  standardRoutes,
  reviewRoutes,
  knowledgeRoutes,
  bulletinRoutes,
  visitRoutes,
  retentionRoutes,
  readinessRoutes,
  agentBoardRoutes,
  nameRoutes,
];
