/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Another assistant id to run (it must be in the server's RUNLINE_ASSISTANT_IDS). */
  readonly VITE_RUNLINE_ASSISTANT_ID?: string
}
