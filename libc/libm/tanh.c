/* SPDX-License-Identifier: BSD-3-Clause */
/* tanh: polynomials below 2.5, 1 - 2/(exp(2|x|) + 1) above (musl's and glibc's use expm1). */
/*
 * |x| < 2^-27: x (x*(1 - tiny) raises inexact and keeps -0).
 * |x| < 1/4: tanh(x) = x + x*(z*P(z)), z = x*x, P of degree 7 (fit error below 1e-19
 * relative); the tail is at most 2% of x, so ~0.51 ulp.
 * 1/4 <= |x| < 2.5: 36 intervals [i/16, (i+1)/16), i = 4..39, each a degree-8 Chebyshev fit
 * (mpmath) in t = |x| - (i + 1/2)/16 to tanh(c + t), absolute error below 1.6e-18, its
 * constant a double pair: c0hi + (c0lo + t*q(t)), as erf.c does.
 * 2.5 <= |x| < 22: q = 2/(exp(2|x|) + 1) is below 0.0135: its ~1.5 ulps of rounding add
 * ~0.02 ulp to the result's 0.5.
 * |x| >= 22: +-1, inexact.
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"
/* -ffreestanding: the builtins by name, so that they are inlined. */

/* tanh(x)/x - 1 = z*P(z) on |x| < 1/4, lowest degree first. */
static const double small[8] = {
    -0x1.5555555555555p-2, 0x1.11111111110a0p-3, -0x1.ba1ba1b9f660bp-5,  0x1.664f485d6d4d4p-6,
    -0x1.226e22fa6f453p-7, 0x1.d6c9f446c47cbp-9, -0x1.7c2ad98792f89p-10, 0x1.17cd5b9306c04p-11};
/* Per interval: c0hi, c0lo, c1..c8 (tanh(c + t) ~ c0 + c1*t + ... + c8*t^8). */
static const double tab[36][10] = {
    {0x1.18a399e6b4846p-2, -0x1.de4beb4a52f5fp-61, 0x1.d98b36d93f99fp-1, -0x1.038f72283f547p-2,
     -0x1.e91ee6838b670p-3, 0x1.3316e450e165ap-3, 0x1.e3e2ef16a9395p-5, -0x1.261b073136f8cp-4,
     -0x1.dd5a44591ae35p-8, 0x1.e7cd406c83d6ep-6},
    {0x1.52c2c561d8609p-2, -0x1.3a0a54acbc464p-56, 0x1.c7f723533c04ep-1, -0x1.2daf9abe0f448p-2,
     -0x1.98587e1af7894p-3, 0x1.50369d9861acdp-3, 0x1.05ad18813508dp-5, -0x1.263e20affaa95p-4,
     0x1.bc647b7a5da8fp-8, 0x1.a92c687606ae4p-6},
    {0x1.8a87e14b33c39p-2, -0x1.881859d32dbebp-56, 0x1.b3ff2ecca422cp-1, -0x1.4ff714a5ff4a7p-2,
     -0x1.4271f20745712p-3, 0x1.5c35aeda8b827p-3, 0x1.827a1001a7fc1p-8, -0x1.0f4f4d290e23bp-4,
     0x1.2a99ef311f25ep-6, 0x1.3fad955133ac0p-6},
    {0x1.bfae6ab9724dep-2, -0x1.4803a534ea5cdp-57, 0x1.9e23ae0ee4481p-1, -0x1.6a1d3ae98abebp-2,
     -0x1.d71f64cb3695ep-4, 0x1.5864eb88a54a9p-3, -0x1.19dbfd7a9aefbp-6, -0x1.cdf488147e4ebp-5,
     0x1.ab73e2592659ep-6, 0x1.84c135b5c9dfap-7},
    {0x1.f20211a36475ep-2, -0x1.6e03fa046b469p-56, 0x1.86e67e6b80ac5p-1, -0x1.7c37c55474d9dp-2,
     -0x1.2ebf15f42bf9dp-4, 0x1.4718c8ef7ae30p-3, -0x1.277f78ac6bab2p-5, -0x1.680315847d704p-5,
     0x1.ed554e685d65fp-6, 0x1.1c05f39a34264p-8},
    {0x1.10af47e0bf610p-1, 0x1.42982fb5e7092p-55, 0x1.6ec5879f87ef1p-1, -0x1.86ad001bfe203p-2,
     -0x1.239045b6fa92cp-5, 0x1.2b4572d9df086p-3, -0x1.99f4e776facfcp-5, -0x1.f449cd0ca317ap-6,
     0x1.f5981ea31015dp-6, -0x1.0faf23713a6f0p-9},
    {0x1.26d76f73233c7p-1, 0x1.be915d84d03c1p-57, 0x1.56363b5b93939p-1, -0x1.8a2244b272981p-2,
     -0x1.2ca2f10ece624p-10, 0x1.081bc34238ddcp-3, -0x1.e38daede413e8p-5, -0x1.1f8156944f135p-6,
     0x1.d018e40c5e14fp-6, -0x1.bc45319cb86f9p-8},
    {0x1.3b75f8bcb742dp-1, 0x1.b64af057bc6d7p-55, 0x1.3da23bc1236a0p-1, -0x1.8768ff4b46419p-2,
     0x1.d67cb8ad32745p-6, 0x1.c168cb784d6f0p-4, -0x1.03a2b6be1a60cp-4, -0x1.89fed76331feep-8,
     0x1.8bb03bdb38133p-6, -0x1.3b539dd5d6da7p-7},
    {0x1.4e8d895b010dcp-1, 0x1.a4855a4ca6661p-57, 0x1.25652faaf8a74p-1, -0x1.7f6c3a57c444ep-2,
     0x1.b7866e3f8f12ap-5, 0x1.6fa1df47ea72cp-4, -0x1.05508ce923179p-4, 0x1.c3efaa2b8f6adp-9,
     0x1.37252b23a374cp-6, -0x1.60b645ef3e589p-7},
    {0x1.602609aae7c22p-1, 0x1.bb6a2e353e7ddp-57, 0x1.0dcbafe191c7fp-1, -0x1.732028428a9fcp-2,
     0x1.2d92389bea88cp-4, 0x1.1f6a9c8c5db9ap-4, -0x1.f47c0c74a0a3cp-5, 0x1.5a8ed404f6915p-7,
     0x1.be1e1917fa29ep-7, -0x1.59deb23ced664p-7},
    {0x1.704bb1b7fcb81p-1, 0x1.0328be4a6f1eep-55, 0x1.ee264aad6c40bp-2, -0x1.637493ce659f2p-2,
     0x1.6be3a3defac7cp-4, 0x1.a85eb64720efap-5, -0x1.cc014925369a3p-5, 0x1.f8fb633f636f9p-7,
     0x1.1980f183eca08p-7, -0x1.34c9c1c48b986p-7},
    {0x1.7f0e1a4cd846ep-1, 0x1.16f7f04022c64p-56, 0x1.c2d4cc872dc07p-2, -0x1.514a99f92ed53p-2,
     0x1.9846a6cf478a6p-4, 0x1.20896939b27dcp-5, -0x1.97e804b016073p-5, 0x1.2a11f3a65576cp-6,
     0x1.184be35509879p-8, -0x1.fdbd5a6acf8e1p-8},
    {0x1.8c7f5c6b80f6ap-1, -0x1.71b370ec91b18p-55, 0x1.99e5bab694fd9p-2, -0x1.3d6da4e25fd45p-2,
     0x1.b4bf6a7955f70p-4, 0x1.5410acb6daf04p-6, -0x1.5df825b81ff5ap-5, 0x1.3bd20726c3b9dp-6,
     0x1.b982cc6c112a1p-11, -0x1.8647001e4939ap-8},
    {0x1.98b3463a09192p-1, 0x1.560b0c0e4bbe7p-55, 0x1.7384129bba934p-2, -0x1.288f5475c53a9p-2,
     0x1.c38d74e222452p-4, 0x1.17b787529a591p-7, -0x1.22ceed4e43dbcp-5, 0x1.38354cfbf4c38p-6,
     -0x1.bae6aac486a52p-10, -0x1.130a494ef827ap-8},
    {0x1.a3bea98556b96p-1, -0x1.9b8cfcaf0a87ep-55, 0x1.4fc6531573ef2p-2, -0x1.1345d6c34ba75p-2,
     0x1.c6fd8bcd2d7cep-4, -0x1.7e88e80288d8ep-10, -0x1.d3aabbd8393a3p-6, 0x1.257e9bf716b6cp-6,
     -0x1.bc778f6058c44p-9, -0x1.5b98e92b8e4a6p-9},
    {0x1.adb6c58dad580p-1, -0x1.1020452864c6ep-56, 0x1.2eb1eb65ab213p-2, -0x1.fc18438d29288p-3,
     0x1.c1478603f202dp-4, -0x1.32bfbeee91a2fp-7, -0x1.6ab07dc075feep-6, 0x1.09325894a836cp-6,
     -0x1.1fb05f471195cp-8, -0x1.6d0144a59f163p-10},
    {0x1.b6b0cbeed122bp-1, -0x1.e9c077a0ec757p-55, 0x1.103e8c11c1893p-2, -0x1.d28707863ef60p-3,
     0x1.b4772741840b4p-4, -0x1.f79fada4315f7p-7, -0x1.0d662dc4f4010p-6, 0x1.cfa6647b51e3cp-7,
     -0x1.3cceabf423428p-8, -0x1.c60bc1fc0d252p-12},
    {0x1.bec17f1db121ep-1, 0x1.d0ae2c53984f1p-55, 0x1.e8b26da741d49p-3, -0x1.aa6c1e1ba144cp-3,
     0x1.a25e6299c9b42p-4, -0x1.431901118539fp-6, -0x1.7a0a5067fbd1cp-7, 0x1.89a5f24c4e6a1p-7,
     -0x1.3f256d8f0ed4bp-8, 0x1.03b277d3afabep-12},
    {0x1.c5fce81840af9p-1, -0x1.28dd9110ad39cp-55, 0x1.b5cdf180d1cedp-3, -0x1.8432f7ff656e4p-3,
     0x1.8c8f11f57e479p-4, -0x1.734f48f4e6e9bp-6, -0x1.e6b2f220ed9d9p-8, 0x1.454a5007e6519p-7,
     -0x1.2f32b4d7384e8p-8, 0x1.6a27649bcc396p-11},
    {0x1.cc76206c07027p-1, 0x1.20c589ef7aa80p-56, 0x1.878e89f3be3b2p-3, -0x1.602466964e229p-3,
     0x1.745a34695c687p-4, -0x1.907011984b8b7p-6, -0x1.0aec1095faaa8p-8, 0x1.05c773d345a18p-7,
     -0x1.13f6a5042a2dfp-8, 0x1.ef373aadedb0fp-11},
    {0x1.d23f2d8db047cp-1, 0x1.365bdeafadee5p-55, 0x1.5dabdd216cc5bp-3, -0x1.3e6c920580c4bp-3,
     0x1.5ad2f918feba4p-4, -0x1.9e31bcbfb326ep-6, -0x1.7165272c67b01p-10, 0x1.99eba4eccce59p-8,
     -0x1.e5b7786e70b8ap-9, 0x1.14f1d62f40ae0p-10},
    {0x1.d768ea89a3c41p-1, 0x1.efc95fc1af182p-55, 0x1.37d98bf4415efp-3, -0x1.1f208749e22bep-3,
     0x1.40d427e07f9dep-4, -0x1.9fe78f89a8f1ap-6, 0x1.533aa2d313150p-11, 0x1.375174b8b9f7dp-8,
     -0x1.9fa711ffaf06fp-9, 0x1.1815d64c90c9fp-10},
    {0x1.dc02fd4857b49p-1, -0x1.c15a240d79e15p-55, 0x1.15c9c424143e6p-3, -0x1.0243338ec2574p-3,
     0x1.2706ca7bd9ed2p-4, -0x1.9874f0ba922efp-6, 0x1.1e194e0f62c08p-9, 0x1.c7ec261b9faf6p-9,
     -0x1.5b1c6af9e3728p-9, 0x1.0a1369293b29dp-10},
    {0x1.e01bd4e9861a7p-1, 0x1.77432b96951eep-55, 0x1.ee5e7a36bb1b9p-4, -0x1.cf9372235b623p-4,
     0x1.0de945513d5b0p-4, -0x1.8a4b86979a8d4p-6, 0x1.ae61813f46ddbp-9, 0x1.3e39d8d228178p-9,
     -0x1.1b765cec4d5b6p-9, 0x1.e3db6a0005920p-11},
    {0x1.e3c0af0bf0a5bp-1, -0x1.e1f559105b979p-55, 0x1.b77d69c7a1527p-4, -0x1.9f3e34931af64p-4,
     0x1.ebaca142c4c71p-5, -0x1.77707fd2694d8p-6, 0x1.080958b6893dap-8, 0x1.9de5ed1dee628p-10,
     -0x1.c51fbd1ab10b0p-10, 0x1.a99664893a5cfp-11},
    {0x1.e6fda22bcd27bp-1, -0x1.5fb02a87993bap-56, 0x1.866003defef99p-4, -0x1.734e85c45c6d7p-4,
     0x1.be16ef2f85c76p-5, -0x1.6186244fa5c10p-6, 0x1.264026ae9ad7cp-8, 0x1.dbbda44a3bc1ap-11,
     -0x1.625c6e7ed93cbp-10, 0x1.6c80925f63cf7p-11},
    {0x1.e9ddab92c4e2bp-1, 0x1.11ff3adc2e0dbp-59, 0x1.5a7d9a5e75c29p-4, -0x1.4b82f9429f5b3p-4,
     0x1.935dd576563dep-5, -0x1.49d78c13c6fd2p-6, 0x1.35e223e1fd947p-8, 0x1.96e7f72456528p-12,
     -0x1.0eb64b522601dp-10, 0x1.3144a237cae2dp-11},
    {0x1.ec6abf9e59874p-1, 0x1.e100690ce0504p-56, 0x1.33560bd065411p-4, -0x1.2794c3305a250p-4,
     0x1.6ba920184be2cp-5, -0x1.3164fefefdb4dp-6, 0x1.3a5e508500807p-8, -0x1.fa544a0babb81p-19,
     -0x1.92aa9f374d67ap-11, 0x1.f558182882e1dp-12},
    {0x1.eeaddb62d1a59p-1, -0x1.4dfa2d5dffa6ep-57, 0x1.10723cf17d4dfp-4, -0x1.073abc2409fcbp-4,
     0x1.47049d5d34bbcp-5, -0x1.18f0032cad678p-6, 0x1.368e3e7e58e71p-8, -0x1.30f1272ad1917p-12,
     -0x1.21b9b754532e4p-11, 0x1.944c71fafa7dbp-12},
    {0x1.f0af16e8f4b76p-1, -0x1.017b05173df25p-56, 0x1.e2c87bc7b9702p-5, -0x1.d457510a1152ap-5,
     0x1.256740b6e1208p-5, -0x1.01068332bb680p-6, 0x1.2cc424e24cff9p-8, -0x1.02a1e895b93e6p-11,
     -0x1.8ed0249346d59p-12, 0x1.406b569110ab6p-12},
    {0x1.f275b7740d530p-1, 0x1.60af50a84e0d7p-56, 0x1.ab8e60fa44edep-5, -0x1.a03fc98ee3480p-5,
     0x1.06b8f3c697625p-5, -0x1.d4197aa0ed7b3p-7, 0x1.1edb7f64ee742p-8, -0x1.49a361f54faf0p-11,
     -0x1.00d7b1b7a5b4ep-12, 0x1.f30f4816fef5cp-13},
    {0x1.f408416483a9fp-1, -0x1.ac30bd8642b47p-56, 0x1.7a7e0259b59e8p-5, -0x1.71a5289af2015p-5,
     0x1.d5ae7d52d0eeap-6, -0x1.a88bbc0f7875ep-7, 0x1.0e4a3a53d69bcp-8, -0x1.753fdd74823f4p-11,
     -0x1.267dddb58405ep-13, 0x1.7d7a9ab5384a4p-13},
    {0x1.f56c896ace51ep-1, -0x1.48f43b9185e6ep-58, 0x1.4ef000fdc48fdp-5, -0x1.4804d97d9d4a6p-5,
     0x1.a331e46e2df6cp-6, -0x1.7fb691751c9d2p-7, 0x1.f86254f33c013p-9, -0x1.8be83ed0e527ep-11,
     -0x1.011ea42bdb4bfp-14, 0x1.1d906e3f14defp-13},
    {0x1.f6a7c4d76eea1p-1, 0x1.8671ae7d6051bp-55, 0x1.284cd08584a53p-5, -0x1.22e4676b00df5p-5,
     0x1.75a1fa7345ffap-6, -0x1.59c5488433791p-7, 0x1.d2d6343491ef1p-9, -0x1.92de65354dde2p-11,
     -0x1.70822b41e6ed1p-19, 0x1.a0fb1f3b73a50p-14},
    {0x1.f7be98e82e88fp-1, -0x1.16138552dcf62p-58, 0x1.060ba9c229423p-5, -0x1.01d201dc8a159p-5,
     0x1.4ca124581e5ffp-6, -0x1.36c597896d5e4p-7, 0x1.ad34272d10b5dp-9, -0x1.8e5c67e4848a6p-11,
     0x1.4a7ee891a7a08p-15, 0x1.26dd6762233c4p-14},
    {0x1.f8b52901bebe7p-1, 0x1.c8c312d90ae1fp-55, 0x1.cf62e561de8c3p-6, -0x1.c8c94f5f6ddd0p-6,
     0x1.27d17d6c36de1p-6, -0x1.16af908302d78p-7, 0x1.8865a26e55206p-9, -0x1.81bbf4cd54b4dp-11,
     0x1.1fd7a953ee825p-14, 0x1.8ef40cb421f51p-15},
};

static const volatile double tiny = 0x1p-1022;

static double tanh_small(double x)
{
	const double *p = small;
	double z = x * x, z2 = z * z, z4 = z2 * z2;
	double q = (p[0] + z * p[1]) + z2 * (p[2] + z * p[3]) +
	           z4 * ((p[4] + z * p[5]) + z2 * (p[6] + z * p[7]));

	return x + x * (z * q);
}

double tanh(double x)
{
	uint32_t ix = high_abs(x);
	double r;

	if (ix < 0x3fd00000) {       /* |x| < 1/4 */
		if (ix < 0x3e400000) /* |x| < 2^-27 */
			return x * (1.0 - tiny);
		return tanh_small(x);
	}
	if (ix < 0x40040000) /* |x| < 2.5 */
		r = interval16_eval(tab, __builtin_fabs(x));
	else if (ix < 0x40360000) /* |x| < 22 */
		r = 1.0 - 2.0 / (exp(2.0 * __builtin_fabs(x)) + 1.0);
	else if (predict_false(ix >= 0x7ff00000))
		r = isnan(x) ? x + x : 1.0;
	else
		r = 1.0 - tiny;
	return __builtin_copysign(r, x);
}
