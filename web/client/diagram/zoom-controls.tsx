// Buttons over a diagram for those who do not pan and zoom with the mouse (keyboard, touch, or simply not
// knowing the wheel zooms): larger, smaller, the whole model, and back to the view it opened with.
import type { DiagramHandle } from './viewer';

const step = 1.25;

export function ZoomControls({ diagram }: { diagram: DiagramHandle | null }) {
  return (
    <div class="diagram-zoom" role="toolbar" aria-label="流程图缩放">
      <button
        type="button"
        class="btn btn-small"
        disabled={!diagram}
        onClick={() => diagram?.zoomBy(step)}
        aria-label="放大"
        title="放大"
      >
        ＋
      </button>
      <button
        type="button"
        class="btn btn-small"
        disabled={!diagram}
        onClick={() => diagram?.zoomBy(1 / step)}
        aria-label="缩小"
        title="缩小"
      >
        －
      </button>
      <button type="button" class="btn btn-small" disabled={!diagram} onClick={() => diagram?.fit()}>
        适应画布
      </button>
      <button type="button" class="btn btn-small" disabled={!diagram} onClick={() => diagram?.reset()}>
        复位
      </button>
    </div>
  );
}
