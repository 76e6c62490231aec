// stp-wasm benchmark peer: the kernel's event-driven step loop in C (Poisson source with
// Philox4x32-10 draws, STP synapse with Euler updates and row-wise output of the spiking rows only,
// LIF with forward Euler), single thread, float32. Compiled by bench/native.ts with
// gcc -O3 -march=native as the near-hardware bound. It reads a small text header and the weights
// from a binary file and prints JSON: the best of `repeats` simulation times and the post spikes.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  int nPre, nPost, trials, steps, repeats, constW, blocks;
  uint32_t k0, k1;
  float pRate, wConst, U, aF, aD, g, invTauM, R, vRest, vReset, thr, refract, dt;
} Params;

static inline void philox(uint32_t c[4], uint32_t k0, uint32_t k1) {
  for (int r = 0; r < 10; r++) {
    uint64_t p0 = (uint64_t)0xd2511f53u * c[0];
    uint64_t p1 = (uint64_t)0xcd9e8d57u * c[2];
    uint32_t n0 = (uint32_t)(p1 >> 32) ^ c[1] ^ k0;
    uint32_t n2 = (uint32_t)(p0 >> 32) ^ c[3] ^ k1;
    c[0] = n0; c[1] = (uint32_t)p1; c[2] = n2; c[3] = (uint32_t)p0;
    k0 += 0x9e3779b9u; k1 += 0xbb67ae85u;
  }
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: stp params.txt weights.bin\n"); return 2; }
  Params p;
  FILE *f = fopen(argv[1], "r");
  if (!f || fscanf(f, "%d %d %d %d %d %d %u %u %f %f %f %f %f %f %f %f %f %f %f %f %f %d", &p.nPre, &p.nPost, &p.trials, &p.steps,
      &p.repeats, &p.constW, &p.k0, &p.k1, &p.pRate, &p.wConst, &p.U, &p.aF, &p.aD, &p.g, &p.invTauM, &p.R, &p.vRest,
      &p.vReset, &p.thr, &p.refract, &p.dt, &p.blocks) != 22 || p.blocks < 1) { fprintf(stderr, "bad params\n"); return 2; }
  fclose(f);
  const int nPre = p.nPre, nPost = p.nPost, K = p.trials;
  float *W = NULL;
  if (!p.constW) {
    W = aligned_alloc(64, sizeof(float) * (size_t)nPre * nPost + 64);
    FILE *wf = fopen(argv[2], "rb");
    if (!wf || fread(W, sizeof(float), (size_t)nPre * nPost, wf) != (size_t)nPre * nPost) { fprintf(stderr, "bad weights\n"); return 2; }
    fclose(wf);
  }
  const size_t rows = (size_t)K * nPre, cols = (size_t)K * nPost;
  float *s = calloc(rows, 4), *u = calloc(rows, 4), *x = calloc(rows, 4), *uS = calloc(rows, 4), *xS = calloc(rows, 4);
  float *tmp = aligned_alloc(64, (size_t)nPost * 4 + 64);
  float *acc = aligned_alloc(64, cols * 4 + 64), *in = calloc(cols, 4), *v = calloc(cols, 4), *rfr = calloc(cols, 4);
  long post = 0;
  double best = 1e300;
  for (int rep = 0; rep < p.repeats; rep++) {
    for (size_t r = 0; r < rows; r++) { s[r] = 0; u[r] = 0; x[r] = 1; uS[r] = 0; xS[r] = 0; }
    for (size_t c = 0; c < cols; c++) { in[c] = 0; v[c] = p.vRest; rfr[c] = p.refract; }
    post = 0;
    double t0 = now();
    for (int step = 0; step < p.steps; step++) {
      // Poisson: unit g draws word g & 3 of Philox(step, g >> 2, 0, 0)
      for (size_t g = 0; g < rows; g += 4) {
        uint32_t c[4] = {(uint32_t)step, (uint32_t)(g >> 2), 0, 0};
        philox(c, p.k0, p.k1);
        for (int l = 0; l < 4 && g + l < rows; l++) s[g + l] = (float)(c[l] >> 8) * (1.0f / 16777216.0f) < p.pRate ? 1.0f : 0.0f;
      }
      // STP state (Euler)
      for (size_t r = 0; r < rows; r++) {
        const float u0 = u[r], x0 = x[r];
        float un = u0 - u0 * p.aF, xn = x0 + (1.0f - x0) * p.aD;
        if (s[r] != 0) {
          un = un + p.U * (1.0f - u0);
          uS[r] = un; xS[r] = x0;
          xn = xn - un * x0;
        }
        u[r] = un; x[r] = xn;
      }
      // output: rows that spiked only, in the kernel's order: each block of rows summed
      // ascending, the blocks' sums added in order (the first straight into a)
      for (int t = 0; t < K; t++) {
        float *a = acc + (size_t)t * nPost;
        int folded = 0;
        float rowSum = 0;
        for (int b = 0; b < p.blocks; b++) {
          const int j0 = (int)((long long)b * nPre / p.blocks), j1 = (int)((long long)(b + 1) * nPre / p.blocks);
          float *dst = folded ? tmp : a;
          float blockSum = 0;
          int spiking = 0;
          for (int j = j0; j < j1; j++) {
            const size_t r = (size_t)t * nPre + j;
            if (s[r] == 0) continue;
            const float us = uS[r], xs = xS[r];
            if (p.constW) {
              const float term = p.wConst * us * xs;
              blockSum = spiking ? blockSum + term : term;
            } else {
              const float *row = W + (size_t)j * nPost;
              if (spiking == 0) for (int k = 0; k < nPost; k++) dst[k] = row[k] * us * xs;
              else for (int k = 0; k < nPost; k++) dst[k] += row[k] * us * xs;
            }
            spiking++;
          }
          if (spiking == 0) continue;
          if (p.constW) rowSum = folded ? rowSum + blockSum : blockSum;
          else if (folded) for (int k = 0; k < nPost; k++) a[k] += tmp[k];
          folded = 1;
        }
        if (!folded) continue;
        float *o = in + (size_t)t * nPost;
        if (p.constW) for (int k = 0; k < nPost; k++) o[k] += rowSum * p.g;
        else for (int k = 0; k < nPost; k++) o[k] += a[k] * p.g;
      }
      // LIF (Euler)
      for (size_t c = 0; c < cols; c++) {
        const float drive = rfr[c] >= p.refract ? in[c] * p.R : 0.0f;
        float vv = v[c] + ((p.vRest - v[c]) + drive) * p.invTauM * p.dt;
        if (vv > p.thr) { vv = p.vReset; rfr[c] = 0; post++; } else rfr[c] += p.dt;
        v[c] = vv;
        in[c] = 0;
      }
    }
    const double sec = now() - t0;
    if (sec < best) best = sec;
  }
  printf("{\"seconds\": %.9f, \"postSpikes\": %ld}\n", best, post);
  return 0;
}
