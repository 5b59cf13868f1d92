// The live stream (GET /api/v1/stream, WebSocket): topics of events with sequence numbers, and
// live topics (positions) without. A dropped connection is reported, retried with a growing
// pause, and resumed after the last sequence seen, so no event is lost; live topics start again
// from the current state. A stream closed because the session ended (4401) says so, waits for
// the user to sign in again, and then resumes the same way.
import { session, tokenStore } from "./client";

export interface StreamEvent {
  type: "event";
  topic: string;
  sequence: number;
  at: string;
  stream: string;
  event: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface LiveFrame {
  type: "live";
  topic: string;
  data: Record<string, unknown>;
}

export type Connection = "connecting" | "live" | "reconnecting" | "signed-out";

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  onLive?(frame: LiveFrame): void;
  onConnection?(state: Connection, detail: string): void;
}

export class LiveStream {
  private socket: WebSocket | null = null;
  private retryTimer = 0;
  private retryDelay = 500;
  private closed = false;
  private readonly stopListening: () => void;

  // `after`: the sequence the caller's state is as of (from a board or a list); null to start
  // from now.
  constructor(private readonly topics: string[], private after: number | null,
              private readonly handlers: StreamHandlers) {
    const ended = session.onEnded((why) => this.pause(why));
    const resumed = session.onResumed(() => {
      if (this.closed || this.socket) return;
      this.retryDelay = 500;
      this.connect();
    });
    this.stopListening = () => { ended(); resumed(); };
    this.connect();
  }

  get lastSequence(): number | null {
    return this.after;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopListening();
    this.socket?.close();
  }

  // The session is over: no retrying with a dead token until the user signs in again.
  private pause(why: string): void {
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.handlers.onConnection?.("signed-out", why);
  }

  private connect(): void {
    const token = tokenStore.get();
    if (!token || this.closed) return;
    this.handlers.onConnection?.("connecting", "");
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/stream`;
    // The token rides as a subprotocol (browsers cannot set headers here); the server picks "peel".
    const socket = new WebSocket(url, ["peel", `bearer.${token}`]);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify(
      this.after === null ? { subscribe: this.topics } : { subscribe: this.topics, after: this.after }));
    socket.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as { type: string } & Record<string, unknown>;
      if (frame.type === "event") {
        const event = frame as unknown as StreamEvent;
        if (this.after !== null && event.sequence <= this.after) return;  // already applied
        this.after = event.sequence;
        this.handlers.onEvent(event);
      } else if (frame.type === "live") {
        this.handlers.onLive?.(frame as unknown as LiveFrame);
      } else if (frame.type === "subscribed") {
        this.after ??= frame.sequence as number;
        this.retryDelay = 500;
        this.handlers.onConnection?.("live", "");
      } else if (frame.type === "error") {
        console.warn("stream:", frame.detail);
      }
    };
    socket.onclose = (close) => {
      if (this.closed || this.socket !== socket) return;
      if (close.code === 4401) {
        this.pause(close.reason || "your session has ended");
        session.ended(close.reason || "Your session has ended.");
        return;
      }
      const why = close.reason || "the connection to Peel dropped";
      this.handlers.onConnection?.("reconnecting", why);
      this.retryTimer = window.setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 8000);
    };
  }
}
