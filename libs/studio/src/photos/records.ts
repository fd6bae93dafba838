import { arr, bool, int, num, obj, oneOf, opt, str, type Check } from '@styleclip/validation';

// The records of photos (see ../records.ts for the rest): a photo and its faces, and the cache of inversions.

const blobRef = obj({ key: str, sha256: str, bytes: int });
const point: Check<[number, number]> = (v, p) => {
  const a = arr(num)(v, p);
  if (a.length !== 2) throw new Error(`${p}: expected [x, y], got ${a.length} numbers`);
  return [a[0]!, a[1]!];
};

const checkFace = obj({
  /** Position in dlib's order (best score first) among the faces kept. */
  index: int,
  /** dlib rectangle, inclusive corners, photo pixels. */
  box: obj({ left: int, top: int, right: int, bottom: int }),
  score: num,
  /** iBUG 68 landmarks, photo pixels. */
  landmarks: arr(point),
  /** The aligned face's footprint in the photo (NW, SW, SE, NE): what pastes an edit back. */
  quad: arr(point),
  /** The aligned face (PNG at the encoder's input size) and the sha256 of its pixels (the inversion cache key). */
  aligned: blobRef,
  alignedSha256: str,
  /** The face as an editable image (UPLOADED, with its W+ latent and `face` pointing here). */
  imageId: str,
  latentId: str,
  /** pSp's reconstruction at the aligned size (PNG): what the encoder made of the face. */
  reconstruction: blobRef,
  /** The inversion came from the cache (no encoder run). */
  cached: bool,
});
export type PhotoFaceRecord = ReturnType<typeof checkFace>;

/**
 * An uploaded photo and its faces; its id is the id of the UPLOADED image it was made from. PENDING while the
 * INVERT_PHOTO job runs (`jobId`), then DONE (faces), NO_FACE or FAILED (`error`).
 */
export const checkPhoto = obj({
  id: str,
  imageId: str,
  modelSetId: str,
  width: int,
  height: int,
  state: oneOf('PENDING', 'DONE', 'NO_FACE', 'FAILED'),
  jobId: opt(str),
  /** What the detection was asked (the invertPhoto parameters) and the upsampling it used. */
  settings: obj({ maxFaces: int, minScore: num, upsample: opt(int) }),
  /** Faces detected at or above minScore (more than `faces` when maxFaces cut the list). */
  detected: opt(int),
  faces: arr(checkFace),
  encoderSha256: opt(str),
  generatorSha256: opt(str),
  error: opt(obj({ code: str, message: str })),
  createdAt: str,
});
export type PhotoRecord = ReturnType<typeof checkPhoto>;

/**
 * The inversion of one aligned face by one encoder, by content: its id is sha256(aligned pixels' sha256 ":"
 * encoder sha256), so the same face (in the same photo or another) never goes through the encoder twice.
 */
export const checkInversion = obj({
  alignedSha256: str,
  encoderSha256: str,
  /** The W+ latent record (content-addressed .npy). */
  latentId: str,
  /** The generator its renders were made with (a set with another generator renders again, without encoding). */
  generatorSha256: str,
  /** The generator's image of the code (PNG, generator size) and pSp's reconstruction at the aligned size. */
  render: blobRef,
  reconstruction: blobRef,
  createdAt: str,
});
export type InversionRecord = ReturnType<typeof checkInversion>;
