/* SPDX-License-Identifier: BSD-3-Clause */
/* erf: piecewise polynomials, no division and no exp (musl's erf.c keeps erfc). */
/*
 * |x| < 1/4: erf(x) = x + x*T, T = 2/sqrt(pi) - 1 + z*P(z), z = x*x, P of degree 6 (fit
 * error below 1e-19 relative); 2/sqrt(pi) - 1 is a double pair. The leading x is exact:
 * the error is the final rounding plus ~0.03 ulp from T.
 * 1/4 <= |x| < 6: 92 intervals [i/16, (i+1)/16), i = 4..95, each with a degree-8 polynomial
 * in t = |x| - (i + 1/2)/16 (exact), a Chebyshev fit (mpmath) to erf(c + t) with absolute
 * error below 4.5e-19. Its constant is a double pair c0hi + c0lo and the result is
 * c0hi + (c0lo + t*q(t)): |t*q| stays below 1/8 of c0hi, so the rounding errors of the tail
 * add ~0.06 ulp to the final rounding's 0.5 (0.56 ulp measured against MPFR).
 * |x| >= 6: erfc(x) < 2.2e-17, below half an ulp of 1: +-1, inexact.
 * The polynomials are evaluated by Estrin's scheme: calls in a loop overlap better than
 * with Horner's dependency chain.
 */
#include <math.h>
#include <stdint.h>

#define predict_false(x) __builtin_expect(!!(x), 0)
/* -ffreestanding: the builtins by name, so that they are inlined. */

/* 2/sqrt(pi) - 1 = A0M1_HI + A0M1_LO */
static const double a0m1_hi = 0x1.06eba8214db69p-3;
static const double a0m1_lo = -0x1.ca38add602500p-57;
/* erf(x)/x - 2/sqrt(pi) = z*P(z) on |x| < 1/4, lowest degree first. */
static const double small[7] = {
    -0x1.812746b0379e7p-2,  0x1.ce2f21a042b8fp-4,  -0x1.b82ce31274020p-6, 0x1.565bccef589f3p-8,
    -0x1.c02d8790d753ap-11, 0x1.f9827fc2453bfp-14, -0x1.e8e582193e7e5p-17};
/* Per interval: c0hi, c0lo, c1..c8 (erf(c + t) ~ c0 + c1*t + ... + c8*t^8). */
static const double tab[92][10] = {
    {0x1.3c9aa8b84bedap-2, 0x1.38e845397242dp-58, 0x1.0ae54fa490722p+0, -0x1.2c41f99922806p-2,
     -0x1.2b900b6406450p-2, 0x1.1c6c7eef87b04p-3, 0x1.277ad6a408d6cp-4, -0x1.66c9b040ce939p-5,
     -0x1.bf5977720293ap-7, 0x1.52db3ac21b84cp-7},
    {0x1.7e15944d9d3e4p-2, -0x1.95fdc3865d9b7p-57, 0x1.00abcf3e187a9p+0, -0x1.60ec3cf561a87p-2,
     -0x1.05599bafe3792p-2, 0x1.451ef62805570p-3, 0x1.c06c6d9c12021p-5, -0x1.8e2d7172ab911p-5,
     -0x1.0e96b67aa21d5p-7, 0x1.6c6845e10296fp-7},
    {0x1.bccfec24855b8p-2, -0x1.47292aeeaa2fap-56, 0x1.e9d5a8e4c934ep-1, -0x1.8dfd9939e37aep-2,
     -0x1.b588d8dc5d9ffp-3, 0x1.62338788a821cp-3, 0x1.26cf8629e6560p-5, -0x1.a1bca8febf336p-5,
     -0x1.5b6efaa642fd7p-9, 0x1.6ebce19a9bb7dp-7},
    {0x1.f86faa9428f9dp-2, 0x1.99988b110a612p-56, 0x1.cfc41e36c7df9p-1, -0x1.b2c7dc535b618p-2,
     -0x1.5a9de93fa263dp-3, 0x1.7317958d1edd8p-3, 0x1.133e05859afdep-6, -0x1.a155ba813cc5ep-5,
     0x1.718aeca983211p-9, 0x1.5ac03cc0a2b83p-7},
    {0x1.1855a5fd3dd50p-1, 0x1.8f68268624501p-55, 0x1.b3aafcc27502fp-1, -0x1.cee5ac8e9c530p-2,
     -0x1.fa02983c996cfp-4, 0x1.77cd75ec6c96ap-3, -0x1.fa6f3a4d35ec1p-10, -0x1.8e0db3f225c46p-5,
     0x1.008efdd76f568p-7, 0x1.32fd56eb36595p-7},
    {0x1.32a54cb8db67bp-1, -0x1.96263537d4d65p-57, 0x1.96164fafd8de4p-1, -0x1.e23a7ea0d187dp-2,
     -0x1.3f5ee15665beap-4, 0x1.70e469de01eaep-3, -0x1.3da681b9db2ccp-6, -0x1.6a0d066997ebep-5,
     0x1.8cb276eaea442p-7, 0x1.f6adae373d84ep-8},
    {0x1.4b13713ad3513p-1, 0x1.e941d89557082p-57, 0x1.7791b886e7404p-1, -0x1.ecef42310f843p-2,
     -0x1.15c3c5ceab1c9p-5, 0x1.5f6890aff7a49p-3, -0x1.1da63facd377cp-5, -0x1.38599095407e3p-5,
     0x1.fa08b9f58747bp-7, 0x1.71408d9d858aap-8},
    {0x1.61955607dd15dp-1, 0x1.98fddd4f54897p-55, 0x1.58a445da7c74dp-1, -0x1.ef6c246a12e7ep-2,
     0x1.e83e0d9e45ebap-8, 0x1.44cc65df8a982p-3, -0x1.87d3c56abebd3p-5, -0x1.f9271a1695824p-6,
     0x1.222d6dfc6cf5dp-6, 0x1.c0a125ba4c54fp-9},
    {0x1.762870f720c6fp-1, 0x1.118a1b821cf7cp-55, 0x1.39ccc1b136d5bp-1, -0x1.ea4feea4e5addp-2,
     0x1.715e595307ac8p-5, 0x1.22cdbdb4ce65bp-3, -0x1.da50aafb366dcp-5, -0x1.75578febf1a7cp-6,
     0x1.350f617f0b695p-6, 0x1.3a01d9e0d10b4p-10},
    {0x1.88d1cd474a2e0p-1, 0x1.6f57a1a45df78p-55, 0x1.1b7e98fe26218p-1, -0x1.de65a22ce0588p-2,
     0x1.40686a3f22c5bp-4, 0x1.f6b0cb692d828p-4, -0x1.09c7c96831dfep-4, -0x1.da66925bcd66bp-7,
     0x1.362e0f47ac340p-6, -0x1.d32fa86eac60cp-11},
    {0x1.999d4192a5715p-1, -0x1.c8871576d5306p-55, 0x1.fc3ee5d1524b2p-2, -0x1.cc990045b2940p-2,
     0x1.b37338e695ce1p-4, 0x1.a0d11fe9c518fp-4, -0x1.19bb2b5ca0fb2p-4, -0x1.a0b7e21e901abp-8,
     0x1.272f1c1dd8aa3p-6, -0x1.6453ad7db314ep-9},
    {0x1.a89c850b7d54dp-1, -0x1.e274069b9af78p-55, 0x1.c40b0729ed549p-2, -0x1.b5eaaef09de9ep-2,
     0x1.0847c7dacfbb5p-3, 0x1.47de0a4f84a6cp-4, -0x1.1d9de7bb21bb3p-4, 0x1.332509af2e7b8p-10,
     0x1.0a9f0a75d0cabp-6, -0x1.12a6ea050c1a0p-8},
    {0x1.b5e62fce16095p-1, 0x1.bc3da0f1d0e78p-56, 0x1.8eed36b886d94p-2, -0x1.9b64a06e4b101p-2,
     0x1.2bb6e2c7478eap-3, 0x1.dee322c07676ap-5, -0x1.1699602feb2ccp-4, 0x1.feab41dd68f61p-8,
     0x1.c753199389078p-7, -0x1.5815210ef9f0ep-8},
    {0x1.c194b1d49a184p-1, -0x1.6776b69476ba6p-57, 0x1.5d4fd33729015p-2, -0x1.7e0f4f0454d97p-2,
     0x1.444bc66c32ef3p-3, 0x1.356dbb543f374p-5, -0x1.0643de1de1435p-4, 0x1.b2e1f43f2ef78p-7,
     0x1.6b99681764735p-7, -0x1.8113b1a7c88d4p-8},
    {0x1.cbc54b476248dp-1, 0x1.1a504adde06a6p-55, 0x1.2f7cc3fe6f423p-2, -0x1.5ee8429e30a4ap-2,
     0x1.52a8395f961c6p-3, 0x1.313759f1b8ed7p-6, -0x1.dcf844d69db4dp-5, 0x1.1e45f08bc664bp-6,
     0x1.091c83707960ep-7, -0x1.8e7d2d7716aa4p-8},
    {0x1.d4970f9ce00d9p-1, -0x1.56704fcbdd47dp-56, 0x1.059f59af7a905p-2, -0x1.3eda354ddd600p-2,
     0x1.57b85ad4385ffp-3, 0x1.8e90c2a30f7dap-10, -0x1.a2893bb04b035p-5, 0x1.4d6af2bbc877cp-6,
     0x1.4ce5772b9febfp-8, -0x1.830f37ed449d7p-8},
    {0x1.dc29fb60715afp-1, 0x1.ab00e1d243bb7p-55, 0x1.bf8e1b1ca2278p-3, -0x1.1eb7095e57e16p-2,
     0x1.549ea6f7a4543p-3, -0x1.b10f20d100574p-7, -0x1.61420c500dfbdp-5, 0x1.677b7df7f797cp-6,
     0x1.254b31a178512p-9, -0x1.62f3a3edad464p-8},
    {0x1.e29e22a89d766p-1, 0x1.bcc9ef4df6e3fp-55, 0x1.7bd5c7df3fe9bp-3, -0x1.fe674493fde23p-3,
     0x1.4a9feacf83bafp-3, -0x1.a0082c90935fbp-6, -0x1.1cf0e8a7c0898p-5, 0x1.6e3396256e095p-6,
     -0x1.36d181b1d797fp-12, -0x1.333a17a403f77p-8},
    {0x1.e812fc64db369p-1, 0x1.3c65eda8c4505p-55, 0x1.3fda6bc016992p-3, -0x1.c1cb27861fc79p-3,
     0x1.3b10512311f83p-3, -0x1.1e645a2a6304fp-5, -0x1.b1f6468fb932ap-6, 0x1.64297d52f414dp-6,
     -0x1.3dbbf431ee12ap-9, -0x1.f2a1b85e22911p-9},
    {0x1.eca6ccd709544p-1, 0x1.f3df164d9badap-57, 0x1.0b3f52ce8c381p-3, -0x1.8885019f5df29p-3,
     0x1.274275fc8e89ap-3, -0x1.57f7386bfcaabp-5, -0x1.3076a2404ae4bp-6, 0x1.4c82316712f86p-6,
     -0x1.0bed0c89448fap-8, -0x1.751308e4c29c5p-9},
    {0x1.f0762fde45ee6p-1, 0x1.9c3551b59fc73p-55, 0x1.bb1c972f23e4dp-4, -0x1.5341e3c0177b5p-3,
     0x1.107929f6edb95p-3, -0x1.7e1b362eb2784p-5, -0x1.73b6240b673fap-7, 0x1.2aa7646513a45p-6,
     -0x1.5966149587384p-8, -0x1.eecc298279a50p-10},
    {0x1.f39bc242e43e6p-1, -0x1.dbade2f2295e3p-55, 0x1.6c7e64e7281c8p-4, -0x1.2274b86833f6ep-3,
     0x1.efb890e5c2043p-4, -0x1.92c7dbb884c62p-5, -0x1.45477aff8b81cp-8, 0x1.02047b319303bp-6,
     -0x1.884b83aed0035p-8, -0x1.033d95390245dp-10},
    {0x1.f62fe80272419p-1, -0x1.b7c25ec8b416fp-55, 0x1.297db960e4f60p-4, -0x1.ecb83b087b37bp-4,
     0x1.bce18363c5a9cp-4, -0x1.985aaf978d7edp-5, 0x1.cd9563aae3816p-12, 0x1.ab9d444110f24p-7,
     -0x1.9b639688ea602p-8, -0x1.9cdda8bc979c5p-13},
    {0x1.f848acb544e95p-1, -0x1.b27a62d67b274p-55, 0x1.e1d4cf1e24505p-5, -0x1.9e12e1fde7353p-4,
     0x1.8a27806df0216p-4, -0x1.91674e13a8ffdp-5, 0x1.3bc7576e0b916p-8, 0x1.51b4d1f7d0c19p-7,
     -0x1.96b673060a225p-8, 0x1.e0773ee0ffc34p-12},
    {0x1.f9f9ba8d3c733p-1, 0x1.cd57612f5f4f7p-55, 0x1.83298d717210bp-5, -0x1.58d101f909970p-4,
     0x1.58f1456f83845p-4, -0x1.808d17b342f50p-5, 0x1.0c1bda49916e3p-7, 0x1.f5ff1f48c5f62p-8,
     -0x1.7f0ad9c1aec4dp-8, 0x1.f7e75705aadabp-11},
    {0x1.fb54641aebbc9p-1, -0x1.79972bf893ddbp-55, 0x1.34ac36ad8dafcp-5, -0x1.1c8ec267fe9e1p-4,
     0x1.2a52c5d83fc48p-4, -0x1.68541b2c0b423p-5, 0x1.5afe40718b971p-7, 0x1.56303ebc6a401p-8,
     -0x1.596cafaf6da9fp-8, 0x1.5776c0bf4e5abp-10},
    {0x1.fc67bcf2d7b8fp-1, -0x1.0d273418771a5p-55, 0x1.e85c449e377f0p-6, -0x1.d177f166cce52p-5,
     0x1.fe23b75849905p-5, -0x1.4b120f9de3cdep-5, 0x1.8d9905f8b045bp-7, 0x1.9201bcb79a625p-9,
     -0x1.2ac5a6fb295b1p-8, 0x1.8d1a9da3c6f79p-10},
    {0x1.fd40bd6d7a785p-1, 0x1.60d428f21fbb8p-55, 0x1.7f5188610ddc7p-6, -0x1.7954423f89a4fp-5,
     0x1.af5baae33842fp-5, -0x1.2ad77b77d6d72p-5, 0x1.a7b8c48765a12p-7, 0x1.4593b6f891c9ap-10,
     -0x1.ef1a27e3a8e97p-9, 0x1.a1705397c4d22p-10},
    {0x1.fdea6e062d0c9p-1, -0x1.64c6b684260bcp-56, 0x1.2a875b5ffab57p-6, -0x1.2f3178cd7aa02p-5,
     0x1.68d1c45b94fefp-5, -0x1.09648dd3353d7p-5, 0x1.ad8b14f0583fdp-7, -0x1.f00f744cf0c4dp-13,
     -0x1.8721c97e1ebccp-9, 0x1.9a5cf1395243fp-10},
    {0x1.fe6e1742f7cf6p-1, -0x1.cebcf3e303f16p-55, 0x1.cd5ec93c12436p-7, -0x1.e2ff3aaae31e2p-6,
     0x1.2aa4e5823e8adp-5, -0x1.d049824fc949cp-6, 0x1.a34edae95f953p-7, -0x1.682d88a89a024p-10,
     -0x1.23ae176a5b8b2p-9, 0x1.7e5e8bdba05adp-10},
    {0x1.fed37386190fbp-1, 0x1.72b16817d4f0fp-55, 0x1.61beae53b72bdp-7, -0x1.7d6193f2417acp-6,
     0x1.e947279e40581p-6, -0x1.90603010950b4p-6, 0x1.8d14d5db5e928p-7, -0x1.1f7959b25db67p-9,
     -0x1.92528b9b07d5ep-10, 0x1.53ed60a59306bp-10},
    {0x1.ff20e0a7ba8c2p-1, -0x1.03f8b2fd7d512p-57, 0x1.0d1d69569b833p-7, -0x1.2a8ca0dc14851p-6,
     0x1.8cc071b70ea5ap-6, -0x1.54a14888702a3p-6, 0x1.6e91375e307dfp-7, -0x1.65c02d6744ff4p-9,
     -0x1.e9b5c98b82c27p-11, 0x1.2100f527d655fp-10},
    {0x1.ff5b8fb26f5f6p-1, -0x1.7e918d19780fdp-55, 0x1.9646f35a76631p-8, -0x1.cf68ed932f081p-7,
     0x1.3e8735b5abe16p-6, -0x1.1e1611aabcdefp-6, 0x1.4afd8e17e3255p-7, -0x1.8c72005b559dcp-9,
     -0x1.c7810d4e880cfp-12, 0x1.d577daaf346c2p-11},
    {0x1.ff87b1913e853p-1, -0x1.3ca99c8d2cea5p-56, 0x1.30499b503958cp-8, -0x1.6496420203331p-7,
     0x1.fa73d7eb05c5ap-7, -0x1.daa3005c2b26ep-7, 0x1.250943fb237b7p-7, -0x1.9975795e03d79p-9,
     -0x1.3f843c731e4b4p-15, 0x1.6a7a025064b8dp-11},
    {0x1.ffa89fe5b3625p-1, 0x1.934b204fa7706p-55, 0x1.c4412bf4b8f22p-9, -0x1.100f34713740ep-7,
     0x1.8ebda0767af7fp-7, -0x1.850c68e8e27bdp-7, 0x1.fdac857a26c80p-8, -0x1.929de7d5cf0eep-9,
     0x1.100b05af3e9a3p-12, 0x1.0720b18ccfe3bp-11},
    {0x1.ffc10194fcb64p-1, 0x1.ea147ac20184fp-55, 0x1.4d78bba8ca611p-9, -0x1.9ba107a459ce7p-8,
     0x1.36f273fbc82c0p-7, -0x1.3b38708f76eedp-7, 0x1.b3fe01039e784p-8, -0x1.7d55d67767db5p-9,
     0x1.ea43f6f601c38p-12, 0x1.5eeab296f0fe2p-12},
    {0x1.ffd2eae369a07p-1, -0x1.83b0b306f73d7p-57, 0x1.e7f232d9e2652p-10, -0x1.34c7442de142ep-8,
     0x1.e066bed07d8e1p-8, -0x1.f914f2c6026d7p-8, 0x1.6f466485b7208p-8, -0x1.5e66469fa9520p-9,
     0x1.39d31a0244fe1p-11, 0x1.96b5f9dcd6e57p-13},
    {0x1.ffdff92db56e5p-1, -0x1.8aeef06f8b149p-56, 0x1.6235fbd7a435fp-10, -0x1.cb5e029ba8f43p-9,
     0x1.6fa4c7ef3166ap-8, -0x1.903a08305531fp-8, 0x1.30f12dbbd6f9bp-8, -0x1.39d76abd29792p-9,
     0x1.5d454a0be0015p-11, 0x1.53def0fb590a5p-14},
    {0x1.ffe96a78a04a9p-1, -0x1.2816fccca0095p-55, 0x1.fe41cd9bb4f15p-11, -0x1.52d7b2896626fp-9,
     0x1.16c192d87040ap-8, -0x1.39bfce9b4606bp-8, 0x1.f376a7216109dp-9, -0x1.12e67db2c348fp-9,
     0x1.66b084be6b5b4p-11, -0x1.4a88510a7bc28p-18},
    {0x1.fff0312b010b5p-1, 0x1.155deb2d93f68p-55, 0x1.6caa0d3583003p-11, -0x1.efb729f4be129p-10,
     0x1.a2da7cebeb649p-9, -0x1.e6c27ad2a34e6p-9, 0x1.93b1f487171c8p-9, -0x1.d8179e77303d5p-10,
     0x1.5cdac8b26e798p-11, -0x1.164c5209d2a29p-14},
    {0x1.fff50456dab8cp-1, -0x1.a197ab9f52a4fp-58, 0x1.0295ef6591858p-11, -0x1.679880e93e5cbp-10,
     0x1.37d38e3a62dacp-9, -0x1.75b371a258594p-9, 0x1.4231c4824d781p-9, -0x1.8e184ea64ff30p-10,
     0x1.45c582261379dp-11, -0x1.bf1a53a0e23c6p-14},
    {0x1.fff86cfd3e657p-1, -0x1.2e06af13b7209p-56, 0x1.6be02102b3530p-12, -0x1.02b15777eb7cbp-10,
     0x1.cc1d8868675b5p-10, -0x1.1bff70663cfdep-9, 0x1.fc0f778b59fe6p-10, -0x1.4a22297432f92p-10,
     0x1.268071177ce06p-11, -0x1.0f7549da66040p-13},
    {0x1.fffad0b901755p-1, 0x1.70d5c6bd7b275p-57, 0x1.fc0d55470cf58p-13, -0x1.7121aff59f6a9p-11,
     0x1.506d6992f95b4p-10, -0x1.ab596015ee737p-10, 0x1.8bdd79cec3611p-10, -0x1.0d88db63e3dbbp-10,
     0x1.031af0893df27p-11, -0x1.22db243a047f4p-13},
    {0x1.fffc7a37857d2p-1, -0x1.97b31125dd25ap-56, 0x1.5feada379d8adp-13, -0x1.05304df546eddp-11,
     0x1.e79c081b822cbp-11, -0x1.3e5dc10624661p-10, 0x1.30eb209155ca4p-10, -0x1.b1b06d2f029ddp-11,
     0x1.bd57ef737efe3p-12, -0x1.213457fd1827dp-13},
    {0x1.fffd9fdeabccep-1, 0x1.0c43c38b1d741p-55, 0x1.e3bcf436a1a6ap-14, -0x1.6e9531116682cp-12,
     0x1.5e3edf6760129p-11, -0x1.d5be6d15a0296p-11, 0x1.d07da03cb907dp-11, -0x1.58106d6ff3df3p-11,
     0x1.76d2fd005e16dp-12, -0x1.110fb575e0be8p-13},
    {0x1.fffe68f4fa777p-1, 0x1.2f2176070778ep-60, 0x1.49e17724f4d09p-14, -0x1.fe48c44d2ab88p-13,
     0x1.f2bd95d7593c9p-12, -0x1.57389188a1079p-11, 0x1.5decc2b3ccd18p-11, -0x1.0d559d48b9f4cp-11,
     0x1.3591a30790fe7p-12, -0x1.efc8f01eabcd2p-14},
    {0x1.fffef1960d85dp-1, -0x1.f7cc780a237bap-55, 0x1.be6abbb10a52ep-15, -0x1.60403819b22bap-13,
     0x1.5fff1dde86c6ep-12, -0x1.f0c93c73e4528p-12, 0x1.04cbf50656da8p-11, -0x1.a0489385779d2p-12,
     0x1.f68a5eec1c6efp-13, -0x1.b40c776472dc3p-14},
    {0x1.ffff4db27f146p-1, 0x1.ddecdd6d729f6p-55, 0x1.2bb5cc22e5d39p-15, -0x1.e258948829ecep-14,
     0x1.ec8a8e5a41e69p-13, -0x1.6425722ba181bp-12, 0x1.80a83783bec35p-12, -0x1.3dbb9352d5560p-12,
     0x1.915a6847af27bp-13, -0x1.75667962b3a4fp-14},
    {0x1.ffff8b500e77cp-1, -0x1.1014e1f7cc69bp-56, 0x1.8f4ccca7fc821p-16, -0x1.478cffe1cd2e5p-14,
     0x1.559f04adb05b4p-13, -0x1.f9e163b168d14p-13, 0x1.18bda5f3dd2aep-12, -0x1.df381b1f2008fp-13,
     0x1.3bb27eabba974p-13, -0x1.3866b9053f897p-14},
    {0x1.ffffb43555b5fp-1, 0x1.c17f83c5c2d0ap-55, 0x1.07ebd2a2d276fp-16, -0x1.b93e442837f3ep-15,
     0x1.d5cf151549b07p-14, -0x1.63f5eb46983a9p-13, 0x1.95a03c1b6b468p-13, -0x1.652e5e38cbd98p-13,
     0x1.e98652d4a0b41p-14, -0x1.ffffc0e2e9095p-15},
    {0x1.ffffcf23ff5fcp-1, -0x1.b18a8b1c01178p-55, 0x1.5a2adfa0b4a4fp-17, -0x1.26c8826ed9e6fp-15,
     0x1.4047357270e9dp-14, -0x1.f057dbf38aefcp-14, 0x1.22178e3eeedddp-13, -0x1.07323f088fb85p-13,
     0x1.76560deb40a57p-14, -0x1.9bb8b26e9efa0p-15},
    {0x1.ffffe0bd3e852p-1, -0x1.d7ece48eb2a50p-58, 0x1.c282cd3957c60p-18, -0x1.86ad6df7ba3d4p-16,
     0x1.b0f313efbea1fp-15, -0x1.56e4577482b9fp-14, 0x1.9ad1eeeba7c6dp-14, -0x1.7f92ab6b2260bp-14,
     0x1.1a7d1d197ba93p-14, -0x1.455f46c71c0b9p-15},
    {0x1.ffffec2641a9ep-1, -0x1.e7ba4fdd8fb93p-55, 0x1.22df298214216p-18, -0x1.00c902a4d5dfdp-16,
     0x1.22234eb820579p-15, -0x1.d57a2be0640c2p-15, 0x1.200c29d3bc360p-14, -0x1.147583da35e05p-14,
     0x1.a4f21c0a37efcp-15, -0x1.f9fab06be35d2p-16},
    {0x1.fffff37d63a36p-1, -0x1.753e324286e6bp-57, 0x1.74adc8f406181p-19, -0x1.4ed4228b3da4bp-17,
     0x1.81918bae03dbfp-16, -0x1.3e81c09c681f9p-15, 0x1.9004a5f6608dbp-15, -0x1.8a40ddfc68c3ap-15,
     0x1.35c76698351e2p-15, -0x1.83713a8888d89p-16},
    {0x1.fffff82cdcf1bp-1, 0x1.046bbe9a11838p-55, 0x1.d9c73698fac97p-20, -0x1.b11017e7d5812p-18,
     0x1.fc0dfade5ed0ap-17, -0x1.ac4e1aa505a74p-16, 0x1.131808c29352ap-15, -0x1.1629d640e6d72p-15,
     0x1.c27eccdef0ef8p-16, -0x1.2464bdc7bc41cp-16},
    {0x1.fffffb248c39dp-1, 0x1.9b9a417112087p-55, 0x1.2acee2f5ec99cp-20, -0x1.15cc5700a22d4p-18,
     0x1.4be757baead00p-17, -0x1.1d6ab6f9266ebp-16, 0x1.76c596af88c87p-16, -0x1.84732d40efaa9p-16,
     0x1.43c0e31b1f9cbp-16, -0x1.b33c2c6466cabp-17},
    {0x1.fffffd01f36afp-1, -0x1.d41915db16d51p-55, 0x1.75fa8dbc845a0p-21, -0x1.6186d9fc35714p-19,
     0x1.ae023230a8371p-18, -0x1.79082bf06862ap-17, 0x1.f9c25b3cc8738p-17, -0x1.0c767e10ba98ep-16,
     0x1.cc0bd827cfca5p-17, -0x1.3fa1f956936f1p-17},
    {0x1.fffffe2ba0ea5p-1, -0x1.26cd790893493p-55, 0x1.d06ad6ecdeff1p-22, -0x1.be46aa879ec98p-20,
     0x1.143860c697a2dp-18, -0x1.edabcbc4d0f08p-18, 0x1.52138e48a0757p-17, -0x1.6f56763ea3230p-17,
     0x1.4337ceb5385f2p-17, -0x1.cf7581886b1b3p-18},
    {0x1.fffffee3cc32cp-1, 0x1.e429188c25b27p-56, 0x1.1e1e857adbe5ap-22, -0x1.1769ce59fb1ecp-20,
     0x1.5fe5d47851150p-19, -0x1.405da0492d5adp-18, 0x1.bfc95568ac1b3p-18, -0x1.f19feb943b32ep-18,
     0x1.c135b9aacf0fdp-18, -0x1.4bd4f763a6fc0p-18},
    {0x1.ffffff54dab72p-1, -0x1.a443df641c094p-55, 0x1.5dcd669f2c2dfp-23, -0x1.5b11cbd1ee648p-21,
     0x1.bc91a6b60fb7dp-20, -0x1.9c2c5d13f8777p-19, 0x1.25d1d44709826p-18, -0x1.4dbe1ee25a25fp-18,
     0x1.34ce62e716834p-18, -0x1.d57175d0e41dcp-19},
    {0x1.ffffff99b79d2p-1, -0x1.58ff1c4273d76p-56, 0x1.a854ea140f3bcp-24, -0x1.aba593e8382b2p-22,
     0x1.167c252d61748p-20, -0x1.06d78ca115d40p-19, 0x1.7e0f439958af7p-19, -0x1.bb4d3c523c5dep-19,
     0x1.a416a3cd0678dp-19, -0x1.4827ab77e50a4p-19},
    {0x1.ffffffc355dfdp-1, 0x1.88cb60fd8541cp-57, 0x1.febc107d5da64p-25, -0x1.055a3c702782cp-22,
     0x1.59ff377add505p-21, -0x1.4c53adbb15f93p-20, 0x1.ec49043f933f8p-20, -0x1.2392720755f7fp-19,
     0x1.1ac3215eb761cp-19, -0x1.c58199b513d0fp-20},
    {0x1.ffffffdc4ad7ap-1, -0x1.d75de78779663p-55, 0x1.30f93c3698181p-25, -0x1.3ce2f890badf9p-23,
     0x1.aa50108c79533p-22, -0x1.a08ef1cbdf298p-21, 0x1.3a4a547f323bdp-20, -0x1.7be1db57d25e2p-20,
     0x1.78bf393e0daaap-20, -0x1.35d791635cf2bp-20},
    {0x1.ffffffeb24467p-1, 0x1.bff89ef337f19p-55, 0x1.6961b8d640839p-26, -0x1.7d2510f1f9388p-24,
     0x1.0476b16a0227bp-22, -0x1.02d3a3bb1a305p-21, 0x1.8db3374671921p-21, -0x1.ea3ee2681489cp-21,
     0x1.f0e17b71e905fp-21, -0x1.a2b35c64586bdp-21},
    {0x1.fffffff3e8892p-1, 0x1.befbf8d26e5c1p-58, 0x1.a8e405e64fe26p-27, -0x1.c6c40e508323ap-25,
     0x1.3ba47a1d44c7ap-23, -0x1.3ee334c0c1401p-22, 0x1.f2bf739238c33p-22, -0x1.395bfb92f6156p-21,
     0x1.44609119b2690p-21, -0x1.17d4eb0e7983ep-21},
    {0x1.fffffff90b2e3p-1, -0x1.d82d94a90edd4p-56, 0x1.efac5187b01a1p-28, -0x1.0d229044adbe1p-25,
     0x1.7b5bc9e35b2c5p-24, -0x1.85882130f2466p-23, 0x1.35f4109ef8ddap-22, -0x1.8cd97614e5101p-22,
     0x1.a35366f5bc54dp-22, -0x1.720bdd60c9838p-22},
    {0x1.fffffffc0748fp-1, 0x1.6ef7a9caf1ec9p-57, 0x1.1edfa3c5f42ccp-28, -0x1.3c025a6810801p-26,
     0x1.c42f78ab6d81cp-25, -0x1.d7c6c35bbf40ep-24, 0x1.7dd6a5b7289ccp-23, -0x1.f1ec1621e3be0p-23,
     0x1.0c5f9cf2aee83p-22, -0x1.e431d2f019297p-23},
    {0x1.fffffffdbff2ap-1, 0x1.49438981074bfp-56, 0x1.4979ac8b266aep-29, -0x1.7015eec376f7bp-27,
     0x1.0b48779887ae0p-25, -0x1.1b44b64ea14cep-24, 0x1.d23fc0392ba67p-24, -0x1.357d5601effdfp-23,
     0x1.542f4aa4af223p-23, -0x1.397cf609a0103p-23},
    {0x1.fffffffebc1a9p-1, 0x1.e0e5facabea72p-56, 0x1.77756ec9f4bc6p-30, -0x1.a9530780c9f50p-28,
     0x1.3962ecba793a9p-26, -0x1.5149452917ab5p-25, 0x1.1a293fd052bf4p-24, -0x1.7d35b5d92384fp-24,
     0x1.ab0e478a16cd4p-24, -0x1.91c4f2f8e4eebp-24},
    {0x1.ffffffff4b453p-1, 0x1.59b25048a5adap-55, 0x1.a887bd2b405aap-31, -0x1.e78be33faf791p-29,
     0x1.6c6ef0c2bdf6ep-27, -0x1.8e36e9a895611p-26, 0x1.5286c23b72786p-25, -0x1.d1461a7ddcb4dp-25,
     0x1.097e4e81f9a72p-24, -0x1.fdb1abd82d39cp-25},
    {0x1.ffffffff9bec8p-1, -0x1.6755054655a1bp-56, 0x1.dc479de0ea4c2p-32, -0x1.1535aee3eaaefp-29,
     0x1.a4547ee212334p-28, -0x1.d2308d138d30ap-27, 0x1.929d0e37dcd0ep-26, -0x1.195dab8c953dcp-25,
     0x1.46f994b0b5bc3p-25, -0x1.40108da8a43cap-25},
    {0x1.ffffffffc901cp-1, 0x1.9c951c943881dp-57, 0x1.0916f04b6b1c7p-32, -0x1.38b90f78fb54ap-30,
     0x1.e0d776670eb1ap-29, -0x1.0e9760d455320p-27, 0x1.daad496bc9a2dp-27, -0x1.513c375ea1e6dp-26,
     0x1.8ee718a80b788p-26, -0x1.8dfbfa4921aabp-26},
    {0x1.ffffffffe202dp-1, 0x1.a54841f5667f2p-55, 0x1.24caf2c327310p-33, -0x1.5dfa962d489fdp-31,
     0x1.10ca1fff30fdep-29, -0x1.377c7e9d91c09p-28, 0x1.15661cdb11ed2p-27, -0x1.9092d2fdfa384p-27,
     0x1.e21a48de18a92p-27, -0x1.ea02b3b2c1df1p-27},
    {0x1.ffffffffefc57p-1, -0x1.8225a9658f48dp-57, 0x1.40dfd874524abp-34, -0x1.848f101ce066fp-32,
     0x1.32fed48f1ad09p-30, -0x1.638ff4ac916fap-29, 0x1.416ced1a9862ap-28, -0x1.d78f872772bbap-28,
     0x1.209f11efe69bdp-27, -0x1.2ab85d71c9fc5p-27},
    {0x1.fffffffff748ep-1, 0x1.ae15e3604479fp-57, 0x1.5ce9ab166b1f8p-35, -0x1.abf69bd9854efp-33,
     0x1.56ae1e9ddf97cp-31, -0x1.927ca0549d9bep-30, 0x1.713cf61fdf5cdp-29, -0x1.1318dacce95f4p-28,
     0x1.566355d304d45p-28, -0x1.68b1a942a3b62p-28},
    {0x1.fffffffffb5b0p-1, -0x1.50fb1911906e4p-55, 0x1.7872d9fa09ac3p-36, -0x1.d39eaac49f4dap-34,
     0x1.7b67aba245435p-32, -0x1.c3ced557c0b2ap-31, 0x1.a487099596adbp-30, -0x1.3e211ccee3309p-29,
     0x1.92711a31ec21cp-29, -0x1.af5a14420a97ep-29},
    {0x1.fffffffffd8b3p-1, -0x1.5182469c21372p-57, 0x1.92ff330234ebep-37, -0x1.fae4fe28cf746p-35,
     0x1.a0a80980f83e7p-33, -0x1.f6f47beff70dcp-32, 0x1.dad903881d06cp-31, -0x1.6ca6612ce70a4p-30,
     0x1.d4b5ae9d066b9p-30, -0x1.fef1d91aa2e4fp-30},
    {0x1.fffffffffeb60p-1, -0x1.4d3f53e684c68p-56, 0x1.ac0f5f321f238p-38, -0x1.108dc99cef31ap-35,
     0x1.c5db172302c54p-34, -0x1.159f41f1068ccp-32, 0x1.09ce976ff0646p-31, -0x1.9e4d7a826c2cdp-31,
     0x1.0e77268e4b43fp-30, -0x1.2bc0f56a0bcddp-30},
    {0x1.ffffffffff542p-1, 0x1.b57ed63ed8087p-57, 0x1.c324c20e27931p-39, -0x1.22c6b11325ec9p-36,
     0x1.ea5f672058210p-35, -0x1.2ff1e0b089d43p-33, 0x1.270d9453ceb97p-32, -0x1.d298eeac393afp-32,
     0x1.355190c4d5fd0p-31, -0x1.5c690a2a9d4ddp-31},
    {0x1.ffffffffffa73p-1, -0x1.6fead614b795fp-56, 0x1.d7c59312ffdbfp-40, -0x1.33c1e2f16c815p-37,
     0x1.06c53ff3b8753p-35, -0x1.4a029a919ee31p-34, 0x1.44bd326143ec4p-33, -0x1.0474880a5e28ep-32,
     0x1.5e92056f540a6p-32, -0x1.91304abcc007ep-32},
    {0x1.ffffffffffd27p-1, 0x1.19e1a84064c3cp-56, 0x1.e981029578df0p-41, -0x1.43262ab4b5b35p-38,
     0x1.1756eb007c9a3p-36, -0x1.6359d5bcb08dfp-35, 0x1.62633097ce422p-34, -0x1.203ed1b3af478p-33,
     0x1.89c3c179f01b2p-33, -0x1.c9adf9e1f107dp-33},
    {0x1.ffffffffffe8dp-1, 0x1.e766e2c80135cp-58, 0x1.f7f3380857eebp-42, -0x1.509f766d9d13ap-39,
     0x1.268e27addd893p-37, -0x1.7b7b43f780b77p-36, 0x1.7f7a3e12f2c97p-35, -0x1.3c3c94bc2d2e6p-34,
     0x1.b656023cd5133p-34, -0x1.02a7eab827e9dp-33},
    {0x1.fffffffffff45p-1, -0x1.5948eec884dfap-55, 0x1.01647ba78de05p-42, -0x1.5be1cf2081a53p-40,
     0x1.3418098665da0p-38, -0x1.91e9bec9587bbp-37, 0x1.9b75a367de9cbp-36, -0x1.57f2e6de1e2cbp-35,
     0x1.e39e14ab11698p-35, -0x1.21ad14438cb1bp-34},
    {0x1.fffffffffffa2p-1, 0x1.d07509a1a9433p-57, 0x1.04e15ecc73536p-43, -0x1.64ac1f9b9336ep-41,
     0x1.3fa830529ee0fp-39, -0x1.a62b709bdbae0p-38, 0x1.b5c58a0a6b9f9p-37, -0x1.72ddefdd384ccp-36,
     0x1.086d658a4cbdcp-35, -0x1.4174e74fbf17ap-35},
    {0x1.fffffffffffd1p-1, 0x1.3b6fc0b729758p-55, 0x1.065b961609bdcp-44, -0x1.6acaa58a88bf9p-42,
     0x1.48fb92fcf6323p-40, -0x1.b7ce1a338740ap-39, 0x1.cddbb563ff9d5p-38, -0x1.8c74d1a2b0462p-37,
     0x1.1e9ca730e72b6p-36, -0x1.617c226cc5321p-36},
    {0x1.fffffffffffe9p-1, -0x1.5fe91226dd51ap-58, 0x1.05ca50204e6dbp-45, -0x1.6e18ec0d3ec04p-43,
     0x1.4fdb0542177ccp-41, -0x1.c66b3f5758be9p-40, 0x1.e3307759ec9c2p-39, -0x1.a42e14fbc6f5cp-38,
     0x1.33ed946db270ap-37, -0x1.8130e42917d0fp-37},
    {0x1.ffffffffffff5p-1, -0x1.238f8ed17d9b4p-55, 0x1.0330f0fd59701p-46, -0x1.6e8334c6535f3p-44,
     0x1.541d56462328cp-42, -0x1.d1ac0444f3a23p-41, 0x1.f547a31c623f2p-40, -0x1.b984694a743b0p-39,
     0x1.47eea90bef840p-38, -0x1.9ff6af553ad91p-38},
    {0x1.ffffffffffffbp-1, -0x1.efa4d64f59f62p-55, 0x1.fd3de10d3f7d9p-48, -0x1.6c073be08d1d9p-45,
     0x1.55a8eaf44827ep-43, -0x1.d94c87de7facdp-42, 0x1.01da9ef7c90f1p-40, -0x1.cbfb7d362b87dp-40,
     0x1.5a2ff7ac5c7e6p-39, -0x1.bd2b41d085cb4p-39},
    {0x1.ffffffffffffdp-1, 0x1.6be96953fe014p-55, 0x1.f05e82aabd0cep-49, -0x1.66b44c6d79249p-46,
     0x1.5474bddbda5f2p-44, -0x1.dd1e8c527946dp-43, 0x1.0710d7527b26ap-41, -0x1.db24b1a63e578p-41,
     0x1.6a4735a0c60b8p-40, -0x1.d82c0b37595fep-40},
    {0x1.fffffffffffffp-1, -0x1.0fecc5ed770dep-55, 0x1.e00e914879a81p-50, -0x1.5eaaa420091d7p-47,
     0x1.5088b69966d33p-45, -0x1.dd0b4902eb3f5p-44, 0x1.0a2698e298bcdp-42, -0x1.e6a367967edcap-42,
     0x1.77d3be776d2eep-41, -0x1.f05c031e0775ep-41},
    {0x1.fffffffffffffp-1, 0x1.989c6c5d51227p-55, 0x1.ccaaea7180a1ep-51, -0x1.541a2f15e5d51p-48,
     0x1.49fd542f17580p-46, -0x1.d9144c1340dcfp-45, 0x1.0b0930de1f91cp-43, -0x1.ee30ace6ebcd3p-43,
     0x1.82825919a1c7fp-42, -0x1.0294ca427b146p-41},
    {0x1.0000000000000p+0, -0x1.21fb7a81c5444p-55, 0x1.b69f10afecb4fp-52, -0x1.4740ad735cf17p-49,
     0x1.40faaf5447495p-47, -0x1.d1535f732094ep-46, 0x1.09b3d78d70856p-44, -0x1.f19e140390780p-44,
     0x1.8a1089e7a74d6p-43, -0x1.0b0a2773016c5p-42},
};

static const volatile double tiny = 0x1p-1022;

static inline uint32_t high_abs(double x)
{
	union {
		double f;
		uint64_t i;
	} u = {x};

	return (uint32_t)(u.i >> 32) & 0x7fffffff;
}

static double erf_small(double x)
{
	const double *p = small;
	double z = x * x, z2 = z * z, z4 = z2 * z2;
	double q =
	    (p[0] + z * p[1]) + z2 * (p[2] + z * p[3]) + z4 * ((p[4] + z * p[5]) + z2 * p[6]);

	return x + x * (a0m1_hi + (a0m1_lo + z * q));
}

static double erf_mid(double ax)
{
	int i = (int)(ax * 16.0);
	const double *c = tab[i - 4];
	double t = ax - ((double)i + 0.5) * 0.0625;
	double t2 = t * t, t4 = t2 * t2;
	double q =
	    (c[3] + t * c[4]) + t2 * (c[5] + t * c[6]) + t4 * ((c[7] + t * c[8]) + t2 * c[9]);

	/* c1*t on its own: its rounding is the tail's largest error (fused with FMA). */
	return c[0] + ((c[1] + t * c[2]) + t2 * q);
}

double erf(double x)
{
	uint32_t ix = high_abs(x);
	double r;

	if (ix < 0x3fd00000) /* |x| < 1/4 */
		return erf_small(x);
	if (ix < 0x40180000) /* |x| < 6 */
		r = erf_mid(__builtin_fabs(x));
	else if (predict_false(ix >= 0x7ff00000))
		r = isnan(x) ? x + x : 1.0;
	else
		r = 1.0 - tiny;
	return __builtin_copysign(r, x);
}
