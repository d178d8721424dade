import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/sqlite';
import { listenForCommitsCreating } from '../events/outbox-commit-listener.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';

/** As `isPostgreSql` of orm.ts, which opens ORMs with this module's announcements (no import cycle). */
function isPostgreSql(orm: MikroORM): boolean {
  return orm.config.get('driver')?.name === 'PostgreSqlDriver';
}

/**
 * Wake-ups across hub processes on PostgreSQL: a commit that wrote to a queue (outbox events, mails) is announced with
 * NOTIFY, and the workers of every other hub, LISTENing on a dedicated connection, look at once instead of at their
 * next poll. Only a shortcut, as within one process (`listenForCommitsCreating`): polling still finds everything, a
 * notification lost with a connection changes nothing but the delay. On SQLite there is no such channel; the other
 * processes on the file find the work at their next poll.
 */
export type WakeUpQueue = 'outbox' | 'mail';

const CHANNELS: Record<WakeUpQueue, string> = { outbox: 'territoire_achats_outbox', mail: 'territoire_achats_mail' };

/** Each ORM's name in its notifications, so that its own listener does not wake it a second time. */
const senders = new WeakMap<object, string>();

function senderOf(orm: MikroORM): string {
  let sender = senders.get(orm);
  if (!sender) senders.set(orm, (sender = randomUUID()));
  return sender;
}

/** NOTIFY on the queue's channel, from one of the pool's connections (outside any transaction: after the commit). */
export async function notifyOtherHubs(orm: MikroORM, queue: WakeUpQueue): Promise<void> {
  await orm.em.getConnection().execute('select pg_notify(?, ?)', [CHANNELS[queue], senderOf(orm)]);
}

/**
 * Announces each commit that wrote outbox events or mails to the other hubs (opened ORMs on PostgreSQL call it:
 * `serve`, and the CLI writing while hubs run). A NOTIFY that fails is only a later wake-up: it is not retried.
 */
export function announceQueueCommits(orm: MikroORM): void {
  if (!isPostgreSql(orm)) return;
  const announce = (queue: WakeUpQueue) => () => void notifyOtherHubs(orm, queue).catch(() => undefined);
  listenForCommitsCreating(orm, OutboxEvent, announce('outbox'));
  listenForCommitsCreating(orm, MailMessage, announce('mail'));
}

export interface WakeUpListener {
  /** Stops waking this worker; the last one to stop ends the dedicated connection (and any reconnection to come). */
  close(): Promise<void>;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
}

interface Subscriber {
  channel: string;
  onWake: () => void;
}

/** One LISTEN connection per ORM, whatever the number of workers woken through it. */
interface SharedListener {
  subscribers: Set<Subscriber>;
  /** Whether the connection listens now (a new subscriber is then told at once, as on a connection). */
  listening(): boolean;
  close(): Promise<void>;
}

const sharedListeners = new WeakMap<object, SharedListener>();

/**
 * The dedicated connection of an ORM, outside the pool, LISTENing on every queue's channel; when it breaks it is
 * opened again (1 s, then doubling up to 30 s). Each (re)connection wakes every subscriber, for what was committed
 * while nobody listened; a notification wakes the subscribers of its channel, unless this ORM sent it.
 */
function openSharedListener(orm: MikroORM, log: (message: string) => void): SharedListener {
  const own = senderOf(orm);
  const subscribers = new Set<Subscriber>();
  // knex's PostgreSQL client: pg itself (`driver`) and the connection settings the pool uses.
  const knexClient = orm.em.getConnection().getKnex().client as unknown as { driver: { Client: new (settings: unknown) => PgClient }; connectionSettings: unknown };
  let closed = false;
  let client: PgClient | null = null;
  let retryMs = 1000;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const next = new knexClient.driver.Client(knexClient.connectionSettings);
    let lost = false;
    const reconnect = (error?: Error) => {
      if (lost || closed) return;
      lost = true;
      client = null;
      log(`wake-ups: the LISTEN connection was lost (${error?.message ?? 'ended'}), again in ${retryMs} ms; polling meanwhile`);
      void next.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    next.on('notification', (message) => {
      if (message.payload === own) return;
      for (const subscriber of subscribers) if (subscriber.channel === message.channel) subscriber.onWake();
    });
    try {
      await next.connect();
      await next.query(Object.values(CHANNELS).map((channel) => `listen ${channel}`).join('; '));
    } catch (error) {
      reconnect(error as Error);
      return;
    }
    if (closed) {
      lost = true;
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = 1000;
    for (const subscriber of subscribers) subscriber.onWake();
  };
  const connecting = connect();

  return {
    subscribers,
    listening: () => client !== null,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting;
      const current = client;
      client = null;
      if (current) await current.end().catch(() => undefined);
    },
  };
}

/**
 * Calls `onWake` when another hub (or the CLI) announces a commit on the queue; on PostgreSQL only. Every worker of
 * a hub (the webhook dispatcher, the alert matcher, the mail worker) shares one dedicated connection. Once it
 * listens, and after each reconnection, `onWake` is called too, for what was committed while nobody listened.
 */
export function wakeAcrossHubs(orm: MikroORM, queue: WakeUpQueue, onWake: () => void, log: (message: string) => void): WakeUpListener {
  if (!isPostgreSql(orm)) return { close: async () => undefined };
  let shared = sharedListeners.get(orm);
  if (!shared) sharedListeners.set(orm, (shared = openSharedListener(orm, log)));
  const subscriber: Subscriber = { channel: CHANNELS[queue], onWake };
  shared.subscribers.add(subscriber);
  if (shared.listening()) onWake();
  const listener = shared;
  return {
    async close() {
      listener.subscribers.delete(subscriber);
      if (listener.subscribers.size > 0) return;
      if (sharedListeners.get(orm) === listener) sharedListeners.delete(orm);
      await listener.close();
    },
  };
}
