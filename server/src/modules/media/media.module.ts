import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { MediaController } from './media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { LocalMediaStorage } from './storage/local-media.storage';
import { MEDIA_STORAGE, MediaStorage } from './storage/media-storage';
import { S3MediaStorage } from './storage/s3-media.storage';
import { RedisStore } from '../../common/redis/redis-store';
import { SharedPushReplayGuard } from './shared-push-replay-guard';
import { PUSH_REPLAY_GUARD, WechatPushController } from './wechat-push.controller';

/** Photos for every feature that has them (reports, stations): they import this module for MediaService. */
@Module({
  imports: [UsersModule, WechatModule],
  controllers: [MediaController, WechatPushController],
  providers: [
    MediaRepository,
    MediaService,
    { provide: PUSH_REPLAY_GUARD, inject: [RedisStore], useFactory: (store: RedisStore) => new SharedPushReplayGuard(store) },
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MediaStorage => (config.s3 ? new S3MediaStorage(config.s3) : new LocalMediaStorage(config.mediaDir)),
    },
  ],
  exports: [MediaService],
})
export class MediaModule {}
