/**
 * The window's security: no navigation, no new windows, no permissions, no
 * network, and IPC only from our own page.
 */
import { app, session, type WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';

export function hardenApp(rendererIndex: string): { isAppFrame: (frame: WebFrameMain | null) => boolean } {
  const appUrl = pathToFileURL(rendererIndex).href;

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(appUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  // Only the app's own files load; no telemetry, no updates, nothing remote.
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith('file://') || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });

  return {
    isAppFrame: (frame) => frame !== null && frame.parent === null && frame.url.split('#')[0] === appUrl,
  };
}
