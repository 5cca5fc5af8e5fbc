/** The group-chat robots duban posts to. Pure: the web reads the labels through libs/contracts. */
export const CHAT_PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export const CHAT_PLATFORM_LABELS: Record<ChatPlatform, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/**
 * Least time between two messages through one robot: 企业微信 and 钉钉 take 20 messages a minute
 * per robot (钉钉 throttles a robot for 10 minutes beyond that), 飞书 100 a minute (5 a second).
 */
export const CHAT_MIN_INTERVAL_MS: Record<ChatPlatform, number> = { wecom: 3000, dingtalk: 3000, feishu: 600 };
