/** Wire names shared by main, the preload and the test harness. */
export const IPC_EVENT_CHANNEL = 'plw:event';
export const ipcChannelName = (channel: string): string => `plw:${channel}`;
