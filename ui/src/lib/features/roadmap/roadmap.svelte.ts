/** Certification roadmap state: the roadmap of the open project, reloaded on each visit. */
import { app, onProjectChange } from "../../app.svelte";
import type { Roadmap } from "../../bindings/Roadmap";
import { roadmapApi } from "./api";

class RoadmapState {
  view = $state<Roadmap | null>(null);

  reset(): void {
    this.view = null;
  }

  async load(): Promise<void> {
    const v = await app.run(() => roadmapApi.load());
    if (v) this.view = v;
  }
}

export const roadmap = new RoadmapState();
onProjectChange(() => roadmap.reset());
