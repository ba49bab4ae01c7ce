import { AppException } from './app.exception';
import { createValidationPipe } from './validation';
import { UpdateMeDto } from '../modules/users/dto/update-me.dto';

describe('ValidationPipe (JSON body shape)', () => {
  const pipe = createValidationPipe();
  const body = { type: 'body' as const, metatype: UpdateMeDto, data: '' };

  it.each([null, [], 5, 'x', true])('refuses a body of %p for a DTO with 400 validation_failed instead of reading it as no fields', async (value) => {
    const error = await pipe.transform(value, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe('validation_failed');
  });

  it('still takes an empty object for an all-optional DTO', async () => {
    await expect(pipe.transform({}, body)).resolves.toBeInstanceOf(UpdateMeDto);
  });
});
