import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_KINDS, MessageKind, MessagePageResponse, MessageResponse } from '@xjy/shared';

export class MessageResponseDto implements MessageResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: MESSAGE_KINDS })
  kind!: MessageKind;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: Number, nullable: true })
  reportId!: number | null;

  @ApiProperty()
  read!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class MessagePageResponseDto implements MessagePageResponse {
  @ApiProperty({ type: [MessageResponseDto] })
  items!: MessageResponse[];

  @ApiProperty({ type: 'integer' })
  unread!: number;

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
