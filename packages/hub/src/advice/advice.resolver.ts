import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { NoticeQueries } from '../notices/notice.queries.js';
import { NoticeType } from '../notices/notice.type.js';
import { PlannedPurchaseQueries } from '../planning/planned-purchase.queries.js';
import { PlannedPurchaseType } from '../planning/planned-purchase.type.js';
import type { Context } from '../shared/context.js';
import { pageRequest, toConnection, type Connection } from '../shared/pagination.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { adviceLoaders } from './advice.loaders.js';
import { AdviceService } from './advice.service.js';
import { searchWords } from './advice-validation.js';
import { AdviceRequestFilter, AskAdviceInput, KnowledgeEntryInput, KnowledgeSearchInput } from './advice.inputs.js';
import { AdviceMessageType, AdviceRequestConnection, AdviceRequestType, KnowledgeEntryConnection, KnowledgeEntryType } from './advice.type.js';

const MAX_PAGE_SIZE = 100;
const pageComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
  1 + childComplexity * Math.min(Number(args.first ?? 20), MAX_PAGE_SIZE);

@Resolver(() => AdviceRequestType)
export class AdviceResolver {
  @StaffQuery(() => AdviceRequestConnection, {
    description: 'Advice requests you may read: your organisation’s and those you are the expert of; every one for admins. Most urgent first.',
    complexity: pageComplexity,
  })
  async adviceRequests(
    @Ctx() ctx: Context,
    @Arg('filter', () => AdviceRequestFilter, { nullable: true }) filter?: AdviceRequestFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<AdviceRequestType>> {
    const page = pageRequest(first, after, MAX_PAGE_SIZE);
    const [requests, total] = await new AdviceService(ctx).list(filter ?? {}, page);
    return toConnection(requests.map((request) => AdviceRequestType.from(request, ctx.now)), page, total);
  }

  @StaffQuery(() => AdviceRequestType, { nullable: true, description: 'One advice request by reference (CONSEIL-2026-0007), if you may read it.' })
  async adviceRequest(@Arg('reference', () => String) reference: string, @Ctx() ctx: Context): Promise<AdviceRequestType | null> {
    const request = await new AdviceService(ctx).byReference(reference);
    return request ? AdviceRequestType.from(request, ctx.now) : null;
  }

  @StaffQuery(() => KnowledgeEntryConnection, {
    description: 'The knowledge base: answered questions published without names, newest first; by stage, family and words.',
    complexity: pageComplexity,
  })
  async knowledgeEntries(
    @Ctx() ctx: Context,
    @Arg('search', () => KnowledgeSearchInput, { nullable: true }) search?: KnowledgeSearchInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<KnowledgeEntryType>> {
    const page = pageRequest(first, after, MAX_PAGE_SIZE);
    const [entries, total] = await new AdviceService(ctx).searchKnowledge(
      { stage: search?.stage, familySlug: search?.familySlug, words: searchWords(search?.text) },
      page,
    );
    return toConnection(entries.map((entry) => KnowledgeEntryType.from(entry)), page, total);
  }

  @StaffMutation(() => AdviceRequestType, {
    roles: ['ADMIN', 'BUYER'],
    description: 'Asks the procurement direction for advice; the family’s correspondent in the direction is named expert, else the admins are.',
  })
  async askAdvice(@Arg('input', () => AskAdviceInput) input: AskAdviceInput, @Ctx() ctx: Context) {
    return AdviceRequestType.from(await new AdviceService(ctx).ask(input), ctx.now);
  }

  @StaffMutation(() => AdviceRequestType, { roles: ['ADMIN'], description: 'Names (or changes) the expert who answers a request.' })
  async assignAdviceRequest(@Arg('id', () => ID) id: string, @Arg('expertId', () => ID) expertId: string, @Ctx() ctx: Context) {
    return AdviceRequestType.from(await new AdviceService(ctx).assign(id, expertId), ctx.now);
  }

  @StaffMutation(() => AdviceRequestType, { description: 'Writes in a request’s thread (the asking organisation’s buyers, the expert, admins).' })
  async postAdviceMessage(@Arg('id', () => ID) id: string, @Arg('body', () => String) body: string, @Ctx() ctx: Context) {
    return AdviceRequestType.from(await new AdviceService(ctx).postMessage(id, body), ctx.now);
  }

  @StaffMutation(() => AdviceRequestType, { description: 'The expert (or an admin) answers a request; the asker is told.' })
  async answerAdviceRequest(@Arg('id', () => ID) id: string, @Arg('body', () => String) body: string, @Ctx() ctx: Context) {
    return AdviceRequestType.from(await new AdviceService(ctx).answer(id, body), ctx.now);
  }

  @StaffMutation(() => AdviceRequestType, { description: 'Closes a request (answered, or withdrawn), with an optional note.' })
  async closeAdviceRequest(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() ctx: Context) {
    return AdviceRequestType.from(await new AdviceService(ctx).close(id, note), ctx.now);
  }

  @StaffMutation(() => AdviceRequestType, { description: 'Reopens an answered or closed request, saying why; the answer is due anew.' })
  async reopenAdviceRequest(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return AdviceRequestType.from(await new AdviceService(ctx).reopen(id, reason), ctx.now);
  }

  @StaffMutation(() => KnowledgeEntryType, {
    description: 'The expert (or an admin) publishes an answered request in the knowledge base, rewritten without any name.',
  })
  async publishAdviceAnswer(@Arg('id', () => ID) id: string, @Arg('entry', () => KnowledgeEntryInput) entry: KnowledgeEntryInput, @Ctx() ctx: Context) {
    return KnowledgeEntryType.from(await new AdviceService(ctx).publish(id, entry));
  }

  @FieldResolver(() => [AdviceMessageType], { description: 'The thread, oldest first: messages, answers, reasons for closing and reopening.' })
  async messages(@Root() request: AdviceRequestType, @Ctx() ctx: Context): Promise<AdviceMessageType[]> {
    const messages = await adviceLoaders(ctx).messagesOfRequest.load(request.id);
    return messages.map((message) => AdviceMessageType.from(message));
  }

  @FieldResolver(() => NoticeType, { nullable: true, description: 'The notice the question is about, when you may read it.' })
  async relatedNotice(@Root() request: AdviceRequestType, @Ctx() ctx: Context): Promise<NoticeType | null> {
    if (!request.relatedNoticeReference) return null;
    const notice = await new NoticeQueries(ctx.em).byReference(request.relatedNoticeReference, ctx.actor);
    return notice ? NoticeType.from(notice, ctx.now) : null;
  }

  @FieldResolver(() => PlannedPurchaseType, { nullable: true, description: 'The planned purchase the question is about, when you may read it.' })
  async relatedPlannedPurchase(@Root() request: AdviceRequestType, @Ctx() ctx: Context): Promise<PlannedPurchaseType | null> {
    if (!request.relatedPlannedPurchaseReference) return null;
    const plan = await new PlannedPurchaseQueries(ctx.em).byReference(request.relatedPlannedPurchaseReference, ctx.actor);
    return plan ? PlannedPurchaseType.from(plan) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Its answer is in the knowledge base.' })
  async publishedInKnowledgeBase(@Root() request: AdviceRequestType, @Ctx() ctx: Context): Promise<boolean> {
    return adviceLoaders(ctx).publishedRequest.load(request.id);
  }
}
