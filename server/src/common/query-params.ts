import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsPositive } from 'class-validator';

/** An optional id in a query string ("?areaId=12"): read as a number, a positive integer when given. */
export const OptionalIdParam = (description?: string) => applyDecorators(ApiPropertyOptional(description ? { description } : {}), IsOptional(), Type(() => Number), IsInt(), IsPositive());
