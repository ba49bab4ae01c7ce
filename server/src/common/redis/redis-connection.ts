import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

const logger = new Logger('Redis');

/**
 * One ioredis connection with this deployment's settings: commands fail after two retries instead of waiting
 * forever while Redis is away (at once with queueWhileOffline false, for hot paths), so a caller can fall back;
 * reconnection continues in the background.
 */
export function connectRedis(url: string, name: string, { queueWhileOffline = true } = {}): Redis {
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: queueWhileOffline, connectionName: name });
  let lastWarn = 0;
  client.on('error', (e: Error) => {
    // A Redis outage raises an error per reconnect attempt: one line every ten seconds is enough.
    if (Date.now() - lastWarn < 10_000) return;
    lastWarn = Date.now();
    logger.warn(`redis (${name}): ${e.message}`);
  });
  return client;
}

/** Closes a connection whatever its state: QUIT when connected, otherwise stop reconnecting at once. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through: drop it
    }
  }
  client.disconnect(false);
}
