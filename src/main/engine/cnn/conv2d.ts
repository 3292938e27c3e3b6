// A 'same' convolution (stride 1, odd kernel: square for the classifiers, k x 1 for the generator) with bias and optional ReLU, whose gradient
// runs through fast forward kernels only. Why: tfjs-core's Node bundle registers no gradients at
// all, the WebAssembly backend has no Conv2DBackpropFilter kernel, and its Conv2DBackpropInput is
// slow. So the backward pass is written out:
//   filter gradient  dW[i, j] = X_shift(i, j)^T G     (one matMul per kernel offset: im2col
//                    without ever holding all k*k shifted copies at once)
//   input gradient   dX = conv(G, W flipped in space, in/out channels swapped)  ('same' padding)
//   bias gradient    db = sum of G over batch, rows and columns
// with G = dY masked by the ReLU. tf.customGrad ties them to the forward pass, so tfjs's autodiff
// sees one op with its gradient. Checked against finite differences and against the cpu backend's
// own Conv2DBackpropFilter / Conv2DBackpropInput kernels (test/cnn/conv2d-gradient.test.ts).
import * as tf from '@tensorflow/tfjs-core';

export interface ConvOptions {
  /** ReLU after the bias (every block of both networks has one). */
  relu: boolean;
  /**
   * Compute the gradient with respect to the input. Training never needs it for the first
   * layer (the spectrogram is data), the transfer always does.
   */
  inputGradient: boolean;
  /**
   * Compute the filter and bias gradients (default true). The transfer optimises the input
   * through fixed weights and skips them: the filter gradient is the costliest part.
   */
  weightGradients?: boolean;
}

type ConvOp = (x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D) => tf.Tensor4D;

const ops = new Map<string, ConvOp>();

/**
 * relu?(conv2d(x, filter, 'same') + bias), NHWC, filter [k, k, in, out] with k odd.
 * Differentiable with respect to all three inputs on every backend.
 */
export function convLayer(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  options: ConvOptions,
): tf.Tensor4D {
  const key = `${options.relu}:${options.inputGradient}:${options.weightGradients ?? true}`;
  let op = ops.get(key);
  if (!op) {
    op = makeConvOp(options);
    ops.set(key, op);
  }
  return op(x, filter, bias);
}

function makeConvOp({ relu, inputGradient, weightGradients = true }: ConvOptions): ConvOp {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, filter, bias, save] = args as [
      tf.Tensor4D,
      tf.Tensor4D,
      tf.Tensor1D,
      tf.GradSaveFunc,
    ];
    const y = tf.fused.conv2d({
      x,
      filter,
      strides: 1,
      pad: 'same',
      bias,
      activation: relu ? 'relu' : 'linear',
    });
    save([x, filter, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, w, ys] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
        // step(0) is 0: no gradient flows through a unit the ReLU switched off.
        const g: tf.Tensor4D = relu ? tf.mul(dy, tf.step(ys)) : dy;
        return [
          inputGradient ? convInputGradient(g, w) : tf.zerosLike(xs),
          weightGradients ? convFilterGradient(xs, g, w.shape[0], w.shape[1]) : tf.zerosLike(w),
          weightGradients ? tf.sum(g, [0, 1, 2]) : tf.zeros([w.shape[3]]),
        ];
      },
    };
  }) as unknown as ConvOp;
}

/**
 * dL/dW for a 'same', stride-1 convolution: [k, k, in, out] from x (NHWC) and dL/dY.
 *
 * Shifting a 4-D tensor (a strided slice) is slow on both backends, so x is padded and
 * flattened to rows of the padded image: the input under kernel offset (i, j) of every output
 * position is then one contiguous block of rows, starting i * paddedWidth + j rows further on.
 * dL/dY is laid out on the same padded grid (zeros off the image), so positions that do not
 * exist contribute nothing. Measured on the wasm backend (2 threads, 8 x 44 x 1025 x 8 -> 8):
 * 9 strided slices + transposed matMuls 990 ms, one im2col matMul 1210 ms, this 220 ms
 * (forward 47 ms); the cpu backend's own Conv2DBackpropFilter took 31 s where this took 1.2 s.
 */
export function convFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  kernel: number,
  kernelWidth = kernel,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, channelsIn] = x.shape;
    const channelsOut = dy.shape[3];
    const p = (kernel - 1) / 2;
    const q = (kernelWidth - 1) / 2;
    const paddedWidth = w + 2 * q;
    const rows = n * (h + 2 * p) * paddedWidth;
    const reach = (kernel - 1) * paddedWidth + (kernelWidth - 1);
    const flat = tf.pad(
      tf.reshape(
        tf.pad(x, [
          [0, 0],
          [p, p],
          [q, q],
          [0, 0],
        ]),
        [rows, channelsIn],
      ),
      [
        [0, reach],
        [0, 0],
      ],
    );
    // [out, rows]: the transposed operand goes first, so no matMul needs transposeA (slow on wasm).
    const gradT = tf.transpose(
      tf.reshape(
        tf.pad(dy, [
          [0, 0],
          [0, 2 * p],
          [0, 2 * q],
          [0, 0],
        ]),
        [rows, channelsOut],
      ),
    );
    const perOffset: tf.Tensor2D[] = [];
    for (let i = 0; i < kernel; i++)
      for (let j = 0; j < kernelWidth; j++)
        perOffset.push(
          tf.matMul(gradT, tf.slice(flat, [i * paddedWidth + j, 0], [rows, channelsIn])),
        );
    // [kh * kw, out, in] -> [kh, kw, in, out]
    return tf.transpose(
      tf.reshape(tf.stack(perOffset), [kernel, kernelWidth, channelsOut, channelsIn]),
      [0, 1, 3, 2],
    );
  });
}

/** dL/dX for a 'same', stride-1 convolution with an odd kernel: a forward convolution of dL/dY. */
export function convInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
    return tf.conv2d(dy, flipped as tf.Tensor4D, 1, 'same');
  });
}
