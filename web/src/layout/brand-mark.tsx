/** The product mark: the character 客 on the primary colour, readable at any size without an image request. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <span className="kefu-brand-mark" style={{ width: size, height: size, fontSize: size * 0.55 }} aria-hidden>
      客
    </span>
  );
}
