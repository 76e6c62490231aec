/* A foreign stage in C (issue 14): compiled to wasm32 by test/cstage.test.ts with clang and lld, it
   imports the kernel's memory and the kernel's `step`, and knows the network only through
   include/stp_abi.h: it follows the component table to the first source with a spike port and the
   first LIF with a current port, and before every step writes both ports from the LIF spikes it read
   after the step before; after the step it copies the source's and the LIF's spikes out. No libc, no
   static data: everything it keeps is in registers or on its stack. */
#include "stp_abi.h"

__attribute__((import_module("stp"), import_name("step"))) int32_t stp_step(uint32_t net, int32_t steps);

/* an address in the shared memory as a pointer */
#define AT(type, address) ((type *)(uintptr_t)(address))

/** The first component of the network at `net` of kind `kind` whose port (the pointer at `port`) is set, or 0. */
static uint32_t find(uint32_t net, int32_t kind, uint32_t port) {
  const stp_net *h = AT(const stp_net, net);
  const uint32_t *table = AT(const uint32_t, h->comps);
  for (int32_t i = 0; i < h->ncomp; i++) {
    const stp_comp *c = AT(const stp_comp, table[i]);
    if (c->kind == kind && *AT(const uint32_t, table[i] + port) != 0) return table[i];
  }
  return 0;
}

/**
 * Drive the network at `net` `steps` steps, one step per call of the kernel. Before step i, for
 * trial t: the source's unit j gets a spike when (i + 3 j + t) % 11 == 0, and unit i % n0 also when
 * any of trial t's LIF units spiked in step i - 1; the LIF's unit k gets the current
 * 0.012 * ((i + k + 2 t) % 5), or -0.01 after a spike of its trial. After the step, the spikes of the
 * source (K n0 bytes) and of the LIF (K n1 bytes) are appended at `pre` and `post`. Returns the
 * kernel's code (STP_OK when all went well), or STP_ERR_BAD_WIRING without a ported source and LIF.
 */
int32_t drive(uint32_t net, int32_t steps, uint32_t pre, uint32_t post) {
  const uint32_t src = find(net, STP_KIND_POISSON, STP_POI_INJECT);
  const uint32_t lif = find(net, STP_KIND_LIF, STP_LIF_DIRECT);
  if (src == 0 || lif == 0 || (AT(const stp_lif, lif)->flags & STP_LIF_FLAG_DIRECT) == 0) return STP_ERR_BAD_WIRING;
  const stp_poi *s = AT(const stp_poi, src);
  const stp_lif *l = AT(const stp_lif, lif);
  const int32_t trials = AT(const stp_net, net)->trials;
  const int32_t n0 = s->comp.n, n1 = l->comp.n;
  float *spikePort = AT(float, s->inject);
  float *currentPort = AT(float, l->direct);
  const float *srcSpikes = AT(const float, s->comp.spikes);
  const float *lifSpikes = AT(const float, l->comp.spikes);
  for (int32_t i = 0; i < steps; i++) {
    for (int32_t t = 0; t < trials; t++) {
      int fired = 0;
      for (int32_t k = 0; k < n1; k++) fired |= i > 0 && lifSpikes[t * n1 + k] != 0.0f;
      for (int32_t j = 0; j < n0; j++) {
        spikePort[t * n0 + j] = ((i + 3 * j + t) % 11 == 0 || (fired && j == i % n0)) ? 1.0f : 0.0f;
      }
      for (int32_t k = 0; k < n1; k++) {
        currentPort[t * n1 + k] = fired ? -0.01f : 0.012f * (float)((i + k + 2 * t) % 5);
      }
    }
    const int32_t code = stp_step(net, 1);
    if (code != STP_OK) return code;
    for (int32_t g = 0; g < trials * n0; g++) AT(uint8_t, pre)[i * trials * n0 + g] = srcSpikes[g] != 0.0f;
    for (int32_t g = 0; g < trials * n1; g++) AT(uint8_t, post)[i * trials * n1 + g] = lifSpikes[g] != 0.0f;
  }
  return STP_OK;
}
