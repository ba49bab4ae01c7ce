import { Injectable } from '@nestjs/common';
import { IssuedOpen311KeyResponse, ListResponse, OPEN311_API_KEY_PATTERN, Open311ClientResponse } from '@xjy/shared';
import { createHash, randomBytes } from 'node:crypto';
import { AppException } from '../../common/app.exception';
import type { Open311Client } from './open311-client.entity';
import { Open311Repository } from './open311.repository';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function mapClient(c: Open311Client): Open311ClientResponse {
  return {
    id: c.id,
    name: c.name,
    keyPrefix: c.keyPrefix,
    active: c.revokedAt === null,
    createdAt: c.createdAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  };
}

/** API keys for Open311 clients: issued and revoked by admins, shown once, kept only as a hash. */
@Injectable()
export class Open311KeysService {
  constructor(private readonly repo: Open311Repository) {}

  async list(): Promise<ListResponse<Open311ClientResponse>> {
    return { items: (await this.repo.listClients()).map(mapClient) };
  }

  async issue(name: string): Promise<IssuedOpen311KeyResponse> {
    const apiKey = `o311_${randomBytes(32).toString('base64url')}`;
    const client = await this.repo.createClient({ name: name.trim(), keyHash: hashApiKey(apiKey), keyPrefix: apiKey.slice(0, 12) });
    return { ...mapClient(client), apiKey };
  }

  async revoke(id: number): Promise<Open311ClientResponse> {
    const client = await this.repo.findClient(id);
    if (!client) throw new AppException('api_key_not_found');
    if (client.revokedAt === null) await this.repo.revokeClient(id, new Date());
    return mapClient((await this.repo.findClient(id))!);
  }

  /** The client a key belongs to, if the key is well-formed, known and not revoked; api_key_invalid otherwise. */
  async authenticate(apiKey: string): Promise<Open311Client> {
    if (!OPEN311_API_KEY_PATTERN.test(apiKey)) throw new AppException('api_key_invalid');
    const client = await this.repo.findClientByHash(hashApiKey(apiKey));
    if (!client || client.revokedAt !== null) throw new AppException('api_key_invalid');
    await this.repo.touchClient(client.id, new Date());
    return client;
  }
}
