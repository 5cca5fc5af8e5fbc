import { BadRequestException, ConflictException, ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** HTTP errors with a Chinese title, in the shape the validation pipe uses. */
export const forbidden = (message: string) => new ForbiddenException({ statusCode: 403, error: '无权操作', message });
export const conflict = (message: string) => new ConflictException({ statusCode: 409, error: '冲突', message });
export const unauthorized = (message = '请先登录') => new UnauthorizedException({ statusCode: 401, error: '未登录', message });
export const badRequest = (message: string | string[]) => new BadRequestException({ statusCode: 400, error: '请求参数有误', message: Array.isArray(message) ? message : [message] });

/** The 409 for optimistic locking. */
export const staleVersion = (current: number) => conflict(`数据已被他人修改(当前版本 ${current}),请刷新后重试,您的修改未保存`);
