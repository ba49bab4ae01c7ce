import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import '@fastify/multipart';
import { MEDIA_MAX_BYTES, MediaResponse } from '@xjy/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, badRequest } from '../../common/app.exception';
import { Access, ANY_USER, CurrentAuth, Public } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { MediaService } from './media.service';
import { ApiErrors } from '../../common/api-errors.decorator';
import { MediaResponseDto } from './dto/media.response';

const tooLarge = () => new AppException('payload_too_large', 413, `照片不能超过 ${MEDIA_MAX_BYTES / 1024 / 1024} MB`, { maxBytes: MEDIA_MAX_BYTES });

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @Access(ANY_USER)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiCreatedResponse({ type: MediaResponseDto })
  @ApiErrors(400, 401, 403, 413, 415, 429, 503)
  @ApiOperation({ summary: 'Upload one photo (JPEG/PNG/WebP/HEIC, ≤ 10 MB); stored re-encoded without metadata' })
  async upload(@Req() req: FastifyRequest, @CurrentAuth() auth: AuthContext): Promise<MediaResponse> {
    if (!req.isMultipart()) throw new AppException('unsupported_media_type', 415, 'Send the photo as multipart/form-data');
    let bytes: Buffer;
    try {
      const file = await req.file();
      if (!file) throw badRequest('validation_failed', 'A photo file is required', 'file');
      bytes = await file.toBuffer();
      if (file.file.truncated) throw tooLarge();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw e;
    }
    if (!bytes.length) throw badRequest('validation_failed', 'The photo file is empty', 'file');
    return this.media.upload(auth, bytes, `${req.protocol}://${req.host}`);
  }

  @Get(':id/file')
  @Public()
  @ApiQuery({ name: 'exp', required: true, type: String, description: 'Expiry of the signed link, in Unix seconds' })
  @ApiQuery({ name: 'sig', required: true, type: String, description: 'Signature of the link' })
  @ApiOkResponse({ description: 'The JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 403, 404)
  @ApiOperation({ summary: 'A photo, by a signed link the API handed out' })
  file(@Param('id', ParseIdPipe) id: number, @Query('exp') exp: string | undefined, @Query('sig') sig: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return this.serve(id, 'file', exp, sig, reply);
  }

  @Get(':id/thumb')
  @Public()
  @ApiQuery({ name: 'exp', required: true, type: String, description: 'Expiry of the signed link, in Unix seconds' })
  @ApiQuery({ name: 'sig', required: true, type: String, description: 'Signature of the link' })
  @ApiOkResponse({ description: 'The JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 403, 404)
  @ApiOperation({ summary: 'A photo thumbnail (400 px), by a signed link the API handed out' })
  thumb(@Param('id', ParseIdPipe) id: number, @Query('exp') exp: string | undefined, @Query('sig') sig: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return this.serve(id, 'thumb', exp, sig, reply);
  }

  private async serve(id: number, variant: 'file' | 'thumb', exp: string | undefined, sig: string | undefined, reply: FastifyReply): Promise<Buffer> {
    const bytes = await this.media.readFile(id, variant, exp, sig);
    void reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
    return bytes;
  }
}
