import { useEffect, useState } from 'react';

/**
 * What the recorder is typing, sent to the room view keystroke by keystroke. Only drafts travel
 * here (the record itself goes through IndexedDB); same-origin windows and tabs share the channel.
 */
export interface LiveDraft {
  /** Which input: 'interest', 'option', 'criterion', 'action', 'issue'. */
  field: string;
  text: string;
}

const channelName = (sessionId: string) => `cg-live-draft-${sessionId}`;
const channels = new Map<string, BroadcastChannel>();

export function sendDraft(sessionId: string, draft: LiveDraft): void {
  if (typeof BroadcastChannel === 'undefined') return;
  let channel = channels.get(sessionId);
  if (!channel) {
    channel = new BroadcastChannel(channelName(sessionId));
    channels.set(sessionId, channel);
  }
  channel.postMessage(draft);
}

/** The room view's side: the latest draft per field, cleared when the field is emptied. */
export function useLiveDrafts(sessionId: string): Record<string, string> {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(channelName(sessionId));
    channel.onmessage = (event: MessageEvent<LiveDraft>) => {
      const { field, text } = event.data;
      if (typeof field === 'string' && typeof text === 'string') setDrafts((d) => ({ ...d, [field]: text }));
    };
    return () => channel.close();
  }, [sessionId]);
  return drafts;
}
