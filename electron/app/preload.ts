/**
 * The preload exposes exactly the contract's channels on `window.plw`, and one
 * event subscription. No ipcRenderer, no Node, nothing else crosses.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { IPC_EVENT_CHANNEL } from '../../shared/ipc-names';

const api: Record<string, unknown> = {};
for (const channel of CHANNEL_NAMES) {
  api[channel] = (input: unknown) => ipcRenderer.invoke(`plw:${channel}`, input);
}
api.onEvent = (event: string, listener: (payload: unknown) => void) => {
  const handler = (_: IpcRendererEvent, message: { event: string; payload: unknown }) => {
    if (message.event === event) listener(message.payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
};

contextBridge.exposeInMainWorld('plw', api);
