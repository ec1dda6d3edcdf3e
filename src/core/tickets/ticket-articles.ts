import { AppError } from '../shared/app-error.js';
import type { Page } from '../customers/ports.js';
import type { TicketActor } from './ticket-actor.js';
import { loadForChange, runTicketCommand, writeHistory, type TicketCommand, type TicketContext } from './ticket-context.js';
import type { LinkedArticle, ListedTicket } from './ports.js';
import { assertReadable, ticketVisibility } from './team-privacy.js';

/**
 * Knowledge articles cited by tickets (issue #17, CP-COMPLEX): the agent links the article an answer
 * came from, so the ticket shows what was told and the article's owner sees where it is used. Linking
 * and unlinking are written to the ticket's history; team privacy decides who may do either and
 * which citing tickets an article's reader sees.
 */

const articleNotFound = () => AppError.notFound('知识文章 / article');

async function linkedIn(cmd: TicketCommand, ticketId: string): Promise<LinkedArticle[]> {
  return cmd.st.articles.forTicket(ticketId);
}

/** Cites an article on a ticket; citing it again changes nothing (no second history entry). */
export async function linkArticle(ctx: TicketContext, ticketId: string, articleId: string, actor: TicketActor): Promise<{ linked: boolean; articles: LinkedArticle[] }> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, ticketId);
    const title = await cmd.st.articles.articleTitle(articleId);
    if (title === undefined) throw articleNotFound();
    if (await cmd.st.articles.find(t.id, articleId)) return { linked: false, articles: await linkedIn(cmd, t.id) };
    await cmd.st.articles.insert({ ticketId: t.id, articleId, linkedAt: cmd.now, linkedBy: actor.id, linkedByName: actor.username });
    await writeHistory(cmd, t.id, { action: 'article_linked', changes: { article: { from: null, to: articleId } }, note: `《${title}》` });
    return { linked: true, articles: await linkedIn(cmd, t.id) };
  });
}

/** Removes a citation (a wrong article linked); an article the ticket does not cite is a 404. */
export async function unlinkArticle(ctx: TicketContext, ticketId: string, articleId: string, actor: TicketActor): Promise<LinkedArticle[]> {
  return runTicketCommand(ctx, actor, async (cmd) => {
    const t = await loadForChange(cmd, ticketId);
    if (!(await cmd.st.articles.find(t.id, articleId))) throw AppError.notFound('工单未引用这篇知识文章 / the ticket does not cite this article');
    const title = await cmd.st.articles.articleTitle(articleId);
    await cmd.st.articles.remove(t.id, articleId);
    await writeHistory(cmd, t.id, { action: 'article_unlinked', changes: { article: { from: articleId, to: null } }, note: title === undefined ? null : `《${title}》` });
    return linkedIn(cmd, t.id);
  });
}

/** The articles a ticket cites, if team privacy lets the actor read the ticket. */
export async function ticketArticles(ctx: TicketContext, ticketId: string, actor: TicketActor): Promise<LinkedArticle[]> {
  const t = await ctx.read.tickets.findById(ticketId);
  if (!t) throw AppError.notFound('Ticket');
  assertReadable(t, actor, await ctx.settings.get());
  return ctx.read.articles.forTicket(t.id);
}

/**
 * The tickets citing an article that the actor may read (team privacy, the same condition as the
 * ticket list), newest first, and how many there are: tickets of private teams are neither listed
 * nor counted.
 */
export async function ticketsCitingArticle(ctx: TicketContext, articleId: string, page: { limit: number; cursor?: string | undefined }, actor: TicketActor): Promise<Page<ListedTicket> & { total: number }> {
  const visible = ticketVisibility(actor, await ctx.settings.get());
  const q = { citingArticle: articleId, ...(visible && { where: [visible] }) };
  const [found, total] = await Promise.all([ctx.read.tickets.list({ ...q, limit: page.limit, ...(page.cursor && { cursor: page.cursor }) }), ctx.read.tickets.count(q)]);
  return { ...found, total };
}
