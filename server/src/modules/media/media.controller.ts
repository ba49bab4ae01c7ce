import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import '@fastify/multipart';
import { MEDIA_MAX_BYTES, MediaUploadResponse } from '@xjy/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, SIGNED_IN, CurrentAuth, Public } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { readSingleFile } from '../../common/multipart';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { MediaService } from './media.service';
import { ApiErrors } from '../../common/api-errors.decorator';
import { MediaUploadQuery } from './dto/media-upload.dto';
import { MediaUploadResponseDto } from './dto/media.response';

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @Access(SIGNED_IN)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiCreatedResponse({ type: MediaUploadResponseDto })
  @ApiErrors(400, 401, 403, 413, 415, 429, 503)
  @ApiOperation({ summary: 'Upload one photo (JPEG/PNG/WebP/HEIC, ≤ 10 MB); stored re-encoded without metadata; withLocation=true also offers its EXIF GPS position' })
  async upload(@Req() req: FastifyRequest, @CurrentAuth() auth: AuthContext, @Query() q: MediaUploadQuery): Promise<MediaUploadResponse> {
    const bytes = await readSingleFile(req, 'file', MEDIA_MAX_BYTES);
    return this.media.upload(auth, bytes, { withLocation: q.withLocation === 'true' });
  }

  @Get(':id/file')
  @Public()
  @ApiQuery({ name: 'exp', required: true, type: String, description: 'Expiry of the signed link, in Unix seconds' })
  @ApiQuery({ name: 'sig', required: true, type: String, description: 'Signature of the link' })
  @ApiOkResponse({ description: 'The JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 401, 403, 404)
  @ApiOperation({ summary: 'A photo, by a signed link the API handed out' })
  file(@Param('id', ParseIdPipe) id: number, @Query('exp') exp: string | undefined, @Query('sig') sig: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return this.serve(id, 'file', exp, sig, reply);
  }

  @Get(':id/thumb')
  @Public()
  @ApiQuery({ name: 'exp', required: true, type: String, description: 'Expiry of the signed link, in Unix seconds' })
  @ApiQuery({ name: 'sig', required: true, type: String, description: 'Signature of the link' })
  @ApiOkResponse({ description: 'The JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 401, 403, 404)
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
