import { EventEmitter } from 'node:events';
import type { Notification, PoolClient } from 'pg';
import { pool } from '../db/client';
import { errorFields, logger } from '../lib/logger';
import { INVENTORY_CHANNEL, type InventoryChange } from './publish';

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

export interface InventoryNotifierEvents {
  change: [InventoryChange];
  refresh: [];
}

/**
 * Fans out inventory_changes notifications to in-process subscribers (the
 * SSE endpoint in routes/alerts.ts). Holds one client from the shared pool
 * for as long as it runs.
 */
export class InventoryNotifier extends EventEmitter<InventoryNotifierEvents> {
  private client: PoolClient | null = null;
  private stopped = true;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    const client = this.client;
    this.client = null;
    // Destroy rather than recycle: the connection carries our subscription.
    client?.release(true);
  }

  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      client.on('notification', (msg) => this.handleNotification(msg));
      client.on('error', (err) => this.handleConnectionLoss(err));
      await client.query('LISTEN inventory_changes');

      this.client = client;
      this.attempts = 0;
      logger.info('subscribed to inventory changes', { channel: INVENTORY_CHANNEL });
    } catch (err) {
      client?.release(true);
      this.scheduleReconnect(err);
    }
  }

  private handleNotification(msg: Notification): void {
    if (msg.channel !== INVENTORY_CHANNEL) return;

    // A bare NOTIFY (no payload) means "something changed, refetch everything".
    if (!msg.payload) {
      this.emit('refresh');
      return;
    }

    try {
      this.emit('change', JSON.parse(msg.payload) as InventoryChange);
    } catch (err) {
      logger.warn('ignoring malformed inventory notification', {
        payload: msg.payload.slice(0, 200),
        ...errorFields(err),
      });
    }
  }

  private handleConnectionLoss(err: Error): void {
    const client = this.client;
    this.client = null;
    client?.release(err);
    this.scheduleReconnect(err);
  }

  private scheduleReconnect(err: unknown): void {
    if (this.stopped || this.reconnectTimer) return;
    this.attempts += 1;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (this.attempts - 1));
    logger.warn('inventory subscription lost, reconnecting', { delayMs: delay, ...errorFields(err) });

    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      // Subscribers may have missed changes while we were away.
      this.emit('refresh');
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
