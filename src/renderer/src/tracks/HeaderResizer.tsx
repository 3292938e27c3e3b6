// The handle between the track headers and the lanes: drag it, or focus it and use the arrows.
import { HEADER_WIDTH } from './header-width';

interface Props {
  width: number;
  onResize: (width: number) => void;
}

export function HeaderResizer({ width, onResize }: Props): React.JSX.Element {
  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>): void => {
    const handle = event.currentTarget;
    const startX = event.clientX;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent): void => onResize(width + e.clientX - startX);
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  return (
    <div
      className="header-resizer"
      role="separator"
      aria-label="Track header width"
      aria-orientation="vertical"
      aria-valuemin={HEADER_WIDTH.min}
      aria-valuemax={HEADER_WIDTH.max}
      aria-valuenow={width}
      tabIndex={0}
      title="Drag to resize the track headers"
      onPointerDown={onPointerDown}
      onDoubleClick={() => onResize(HEADER_WIDTH.initial)}
      onKeyDown={(event) => {
        const step = { ArrowLeft: -16, ArrowRight: 16 }[event.key];
        if (step === undefined) return;
        event.preventDefault();
        event.stopPropagation();
        onResize(width + step);
      }}
    />
  );
}
