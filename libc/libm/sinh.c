/* SPDX-License-Identifier: BSD-3-Clause */
/* sinh: polynomials below 3, exp(|x|)/2 - 1/(2 exp(|x|)) above (musl's uses expm1). */
/*
 * |x| < 1/4: sinh(x) = x + x*(z*P(z)), z = x*x, P of degree 6 (fit error ~1e-27); the tail
 * is at most 1% of x (and keeps sinh(-0) = -0).
 * 1/4 <= |x| < 3: 44 intervals [i/16, (i+1)/16), i = 4..47, each a degree-8 Chebyshev fit
 * (mpmath) in t = |x| - (i + 1/2)/16 to sinh(c + t), relative error below 1.3e-21, its
 * constant a double pair: c0hi + ((c0lo + c1*t) + t^2*q(t)), as erf.c and tanh.c do.
 * 3 <= |x| < log(DBL_MAX): e = exp(|x|), e/2 - 0.5/e: ~1 ulp at worst (exp's 0.502, the
 * rounding, and 1/e^2 <= 0.0025 of the result).
 * Beyond: musl's __expo2 (exp(x)/2 without overflowing early; +Inf and overflow there).
 */
#include <math.h>
#include <stdint.h>

#include "own_math.h"
/* -ffreestanding: the builtins by name, so that they are inlined. */

/* musl's, hidden in its libm.h: exp(x)/2 * sign for x >= log(DBL_MAX). */
__attribute__((visibility("hidden"))) double __expo2(double x, double sign);

/* sinh(x)/x - 1 = z*P(z) on |x| < 1/4, lowest degree first. */
static const double small[7] = {0x1.5555555555555p-3,  0x1.1111111111111p-7,  0x1.a01a01a01a01ap-13,
                                0x1.71de3a556c6bfp-19, 0x1.ae64567ffa95fp-26, 0x1.6124599b9fac0p-33,
                                0x1.aed7e8fd88709p-41};
/* Per interval: c0hi, c0lo, c1..c8 (sinh(c + t) ~ c0 + c1*t + ... + c8*t^8). */
static const double tab[44][10] = {
    {0x1.23cfda016c2d9p-2, -0x1.00762449d986bp-58, 0x1.0a31218c9fc41p+0, 0x1.23cfda016c2d9p-3,
     0x1.62ec2cbb7fb2fp-3, 0x1.851522ac903e0p-7, 0x1.1bf023c6a9f01p-7, 0x1.9f057a4f71bd4p-12,
     0x1.b0ae428b4c625p-13, 0x1.da525e205d385p-18},
    {0x1.66f92e6a06fc9p-2, -0x1.0a785d9a66b42p-56, 0x1.0f46473177841p+0, 0x1.66f92e6a06fc9p-3,
     0x1.69b309974a084p-3, 0x1.dea1933809524p-7, 0x1.215c07a9a5cfep-7, 0x1.fe8a369f6fe3fp-12,
     0x1.b8f1346b11b8ep-13, 0x1.23be844a13a3ep-17},
    {0x1.ab8999ec244fbp-2, 0x1.e68760e448ec7p-62, 0x1.156ac9b972407p+0, 0x1.ab8999ec244fbp-3,
     0x1.71e3b7a1edae3p-3, 0x1.1d06669d6d8b6p-6, 0x1.27e95fb219c10p-7, 0x1.3006d3d97e8dap-11,
     0x1.c2ed3c3f40142p-13, 0x1.5b77b058f294dp-17},
    {0x1.f1c5b2aa2aa71p-2, 0x1.c4610494a6475p-57, 0x1.1ca4ce2a27330p+0, 0x1.f1c5b2aa2aa71p-3,
     0x1.7b86683834470p-3, 0x1.4bd921c6c71b2p-6, 0x1.2f9eb9c3da363p-7, 0x1.61f8ac8ddddaep-11,
     0x1.ceac56e4b3632p-13, 0x1.948c710dc59acp-17},
    {0x1.1cf9dd4bb0b08p-1, -0x1.49969565fe1a2p-55, 0x1.24fb8f22373dbp+0, 0x1.1cf9dd4bb0b08p-2,
     0x1.86a4bed849aabp-3, 0x1.7bf7d1ba40ec8p-6, 0x1.3883cbdd70977p-7, 0x1.954c9b6f2a778p-11,
     0x1.dc3a4470b1019p-13, 0x1.cf35dfeb24da5p-17},
    {0x1.422df2dfdf83bp-1, -0x1.af4d9d42f4a96p-56, 0x1.2e77641485c8bp+0, 0x1.422df2dfdf83bp-2,
     0x1.9349dac607b98p-3, 0x1.ad92992a7f5bap-6, 0x1.42a17bcebe50ap-7, 0x1.ca35f8b368c37p-11,
     0x1.eba493f1f7b1ap-13, 0x1.05d755a1c5a94p-16},
    {0x1.68a45140fce82p-1, -0x1.1b9d3c19ef772p-56, 0x1.3921c9a05da01p+0, 0x1.68a45140fce82p-2,
     0x1.a182622b27836p-3, 0x1.e0db170151370p-6, 0x1.4e01e81f8a8a9p-7, 0x1.0074d9106531dp-10,
     0x1.fcfab100efa61p-13, 0x1.2519a87646ae9p-16},
    {0x1.908372020d330p-1, -0x1.9827d55fd3255p-55, 0x1.45056b0edaa7bp+0, 0x1.908372020d330p-2,
     0x1.b15c8ebe78e30p-3, 0x1.0b024c015e22dp-5, 0x1.5ab0722ee1da2p-7, 0x1.1ccf3fffeedf9p-10,
     0x1.0826f99645f61p-12, 0x1.45812d60dc755p-16},
    {0x1.b9f3379685df9p-1, -0x1.6fe981c0c3d58p-55, 0x1.522e2cff169a4p+0, 0x1.b9f3379685df9p-2,
     0x1.c2e83bfec8d14p-3, 0x1.26a2250f03eb5p-5, 0x1.68b9c995681ccp-7, 0x1.3a468dec3307cp-10,
     0x1.12d8d7a9a5b11p-12, 0x1.672e4e99d3b27p-16},
    {0x1.e51d153814000p-1, 0x1.65bde4a77ab1fp-55, 0x1.60a9394bc5e38p+0, 0x1.e51d153814000p-2,
     0x1.d636f70fb2886p-3, 0x1.4368b8d00d566p-5, 0x1.782bf8d5ffc74p-7, 0x1.58f83c97ceb6dp-10,
     0x1.1e9da57cd9d5dp-12, 0x1.8a42bc10eabf8p-16},
    {0x1.09161c2ea5267p+0, 0x1.09433ea71a61fp-54, 0x1.70850c362b301p+0, 0x1.09161c2ea5267p-1,
     0x1.eb5c104839995p-3, 0x1.6172d03e3189cp-5, 0x1.89167369785d7p-7, 0x1.7903004051eacp-10,
     0x1.2b8128d8cf1dep-12, 0x1.aee18d20101acp-16},
    {0x1.20a6d9f5587adp+0, -0x1.861e757ae813ep-55, 0x1.81d182e38dc00p+0, 0x1.20a6d9f5587adp-1,
     0x1.013657425e821p-2, 0x1.80de77f1cb4fap-5, 0x1.9b8a253350ebfp-7, 0x1.9a86e6550c3e5p-10,
     0x1.39904653e0461p-12, 0x1.d52f63a5a90b0p-16},
    {0x1.395856a4b5edep+0, -0x1.4b2d7ba917588p-54, 0x1.949feb3bb1270p+0, 0x1.395856a4b5edep-1,
     0x1.0dbff227cb718p-2, 0x1.a1cb1e30f293dp-5, 0x1.af99836f0490ap-7, 0x1.bda5758728189p-10,
     0x1.48d90e377f7eap-12, 0x1.fd5290a97d9cap-16},
    {0x1.534345c848d0ap+0, -0x1.36965c493a466p-54, 0x1.a90315382e44fp+0, 0x1.534345c848d0ap-1,
     0x1.1b57637ac9858p-2, 0x1.c459b26061179p-5, 0x1.c5589f26cfc85p-7, 0x1.e281cf532728ap-10,
     0x1.596aca91abeddp-12, 0x1.13b99d5878f7fp-15},
    {0x1.6e81947830677p+0, -0x1.d1312b0b10756p-54, 0x1.bf0f65b5fe40fp+0, 0x1.6e81947830677p-1,
     0x1.2a0a43cea9830p-2, 0x1.e8acc5f595e0cp-5, 0x1.dcdd394666cf4p-7, 0x1.04a06992a63aap-9,
     0x1.6b560e8045e56p-12, 0x1.29ddc2f472224p-15},
    {0x1.8b2e834861331p+0, -0x1.f5e7c268bd2adp-54, 0x1.d6daeadc0aa38p+0, 0x1.8b2e834861331p-1,
     0x1.39e7473d5c6f8p-2, 0x1.077457859622ep-4, 0x1.f63ed85db178cp-7, 0x1.1904a19e0dac6p-9,
     0x1.7eacc6c58e66dp-12, 0x1.412bdf26ae7d1p-15},
    {0x1.a966c18b7e5a3p+0, 0x1.db9d0cf8f7483p-55, 0x1.f07d722b2ad30p+0, 0x1.a966c18b7e5a3p-1,
     0x1.4afe4c1cc739fp-2, 0x1.1b99d65cfee7bp-4, 0x1.08cb7014a8847p-6, 0x1.2e81f5b6e87cfp-9,
     0x1.93824bb667d67p-12, 0x1.59bb41fc9ddbdp-15},
    {0x1.c9488a049052bp+0, 0x1.80bb1c6044ce1p-54, 0x1.06085026d0633p+1, 0x1.c9488a049052bp-1,
     0x1.5d606ade6b31bp-2, 0x1.30db06adb58d7p-4, 0x1.1780557c3d468p-6, 0x1.452de4fbd07c4p-9,
     0x1.a9eb7494479d8p-12, 0x1.73a47ce51a8c6p-15},
    {0x1.eaf3c1244ce4fp+0, 0x1.533b3a9d5634cp-54, 0x1.14d8055ef3341p+1, 0x1.eaf3c1244ce4fp-1,
     0x1.7120072944486p-2, 0x1.474d2b6d8899bp-4, 0x1.274cd284c6d56p-6, 0x1.5d1f1d3fc3f79p-9,
     0x1.c1feac663448ep-12, 0x1.8f017b43e4616p-15},
    {0x1.07450a78182b9p+1, 0x1.f7506713c44e1p-55, 0x1.24bca9af3a4c2p+1, 0x1.07450a78182b9p+0,
     0x1.8650e23ef868ap-2, 0x1.5f06b8a0203b3p-4, 0x1.3840b4fc63626p-6, 0x1.766d91b9dc999p-9,
     0x1.dbd40865aae09p-12, 0x1.abed9c5f2d77ap-15},
    {0x1.1a178f59a8c0fp+1, 0x1.e6c503652d506p-53, 0x1.35c6230f0ef15p+1, 0x1.1a178f59a8c0fp+0,
     0x1.9d082ebebe9a5p-2, 0x1.781f69cce1028p-4, 0x1.4a6cf22f3eccep-6, 0x1.913292fa85845p-9,
     0x1.f7856015da3a3p-12, 0x1.ca85cec1286c0p-15},
    {0x1.2e04434d5238dp+1, -0x1.4ac3fd7fe62e6p-53, 0x1.48057c6351ddep+1, 0x1.2e04434d5238dp+0,
     0x1.b55ca5d9c280ap-2, 0x1.92b059bc6da25p-4, 0x1.5de3b7de48a13p-6, 0x1.ad88e83e27da5p-9,
     0x1.0a97338ea6c2bp-11, 0x1.eae8ad28fbd8ep-15},
    {0x1.431f14b02566ep+1, 0x1.ea83207b12cd8p-53, 0x1.5b8cf68aabc09p+1, 0x1.431f14b02566ep+0,
     0x1.cf669e0e3a59dp-2, 0x1.aed41b9587354p-4, 0x1.72b87e6e78e48p-6, 0x1.cb8cea36a27ffp-9,
     0x1.1a76647df0f1bp-11, 0x1.069b4e94073bfp-14},
    {0x1.597d2015d03e5p+1, 0x1.b47975c29a0f0p-54, 0x1.70701a9ff15a0p+1, 0x1.597d2015d03e5p+0,
     0x1.eb40237fec7bep-2, 0x1.cca6d5726aff4p-4, 0x1.89001c62d4790p-6, 0x1.eb5c9f6658c7bp-9,
     0x1.2b70235c5fa72p-11, 0x1.18c8f7c525e06p-14},
    {0x1.7134c566f3efdp+1, 0x1.c23c2cd74ec34p-53, 0x1.86c3cd84df218p+1, 0x1.7134c566f3efdp+0,
     0x1.048289033f6dcp-1, 0x1.ec465c8945416p-4, 0x1.a0d0db34acbc0p-6, 0x1.068bed149abb0p-8,
     0x1.3d956b5302a16p-11, 0x1.2c0f8154e5ff6p-14},
    {0x1.8a5dbe42eaee8p+1, -0x1.e917181295302p-54, 0x1.9e9e64c8b8ce2p+1, 0x1.8a5dbe42eaee8p+0,
     0x1.14699885d08bap-1, 0x1.06e92981f1f53p-3, 0x1.ba428d9ef45c7p-6, 0x1.18702c44d6cfcp-8,
     0x1.50f8632cf8bf9p-11, 0x1.408233681b2fbp-14},
    {0x1.a51135bb627d8p+1, -0x1.ce9a32e15d6dap-54, 0x1.b817bcffb5208p+1, 0x1.a51135bb627d8p+0,
     0x1.256528aa78c2bp-1, 0x1.18b623d241a9ep-3, 0x1.d56ea772f6987p-6, 0x1.2b6cf300cd862p-8,
     0x1.65ac6f7fbe68dp-11, 0x1.5635826520b2bp-14},
    {0x1.c169e181855b9p+1, -0x1.d79edf40f100ep-55, 0x1.d34951a18f377p+1, 0x1.c169e181855b9p+0,
     0x1.3786366bb4d21p-1, 0x1.2b9bebabae3e0p-3, 0x1.f270570e4796cp-6, 0x1.3f953fa458e56p-8,
     0x1.7bc6461160cd6p-11, 0x1.6d3f2369f43c6p-14},
    {0x1.df841c9de6cf6p+1, 0x1.7b5dce65d56aep-53, 0x1.f04e56871dfbdp+1, 0x1.df841c9de6cf6p+0,
     0x1.4adee45a13ffdp-1, 0x1.3fad6869448b4p-3, 0x1.08b25045b2f5cp-5, 0x1.54fd3c2a31319p-8,
     0x1.935c028ffdd3ap-11, 0x1.85b6220323185p-14},
    {0x1.ff7e03cde83a9p+1, -0x1.d286f7e426478p-53, 0x1.07a1e99038aecp+2, 0x1.ff7e03cde83a9p+0,
     0x1.5f828cc04b967p-1, 0x1.54fead33f0282p-3, 0x1.19353d642016dp-5, 0x1.6bba525795dcap-8,
     0x1.ac853caf49e8cp-11, 0x1.9fb2f7394267fp-14},
    {0x1.10bbc9d17c7aap+2, -0x1.58d3ae48b0cc4p-52, 0x1.18245fbf56e07p+2, 0x1.10bbc9d17c7aap+1,
     0x1.7585d4ff1e839p-1, 0x1.6ba50d1750a4ap-3, 0x1.2ad1772fd3c6ep-5, 0x1.83e34127dba58p-8,
     0x1.c75b1fc23b15ap-11, 0x1.bb4fa20c01dfcp-14},
    {0x1.22c96440e91afp+2, 0x1.eef4013336951p-52, 0x1.29bf11a758f2ep+2, 0x1.22c96440e91afp+1,
     0x1.8cfec234769c5p-1, 0x1.83b730568c253p-3, 0x1.3d989b5a55bb6p-5, 0x1.9d90338d4d3c5p-8,
     0x1.e3f883e874f7fp-11, 0x1.d8a7c173561e7p-14},
    {0x1.35f9e050d875ap+2, 0x1.d863b50765216p-53, 0x1.3c839b71c2406p+2, 0x1.35f9e050d875ap+1,
     0x1.a604cf4258593p-1, 0x1.9d4d2b1675f38p-3, 0x1.519d72987629cp-5, 0x1.b8dad89e21330p-8,
     0x1.013d047452932p-10, 0x1.f7d8b000bdf47p-14},
    {0x1.4a607016c7cb9p+2, -0x1.d43a1e3e14f8cp-52, 0x1.5084c338cb5bep+2, 0x1.4a607016c7cb9p+1,
     0x1.c0b1044bb9d37p-1, 0x1.b8809573b510cp-3, 0x1.66f4036c935efp-5, 0x1.d5de7d45b4323p-8,
     0x1.117f1969564bfp-10, 0x1.0c80d09e23175p-13},
    {0x1.60117bd5c233ep+2, 0x1.4ce90968b0f6cp-52, 0x1.65d68bcf0cd92p+2, 0x1.60117bd5c233ep+1,
     0x1.dd1e0fbebbd00p-1, 0x1.d56ca51d02f16p-3, 0x1.7db1a62ec7613p-5, 0x1.f4b82793bad27p-8,
     0x1.22d2c4431d4e8p-10, 0x1.1e21e06d55acfp-13},
    {0x1.7722b6685710dp+2, 0x1.12547f31f8260p-53, 0x1.7c8e48c3fcda2p+2, 0x1.7722b6685710dp+1,
     0x1.fb6861055126ep-1, 0x1.f42e488b1ec2bp-3, 0x1.95ed1a6707762p-5, 0x1.0ac359e25e48ap-7,
     0x1.35495a1e31466p-10, 0x1.30e129f5e91dcp-13},
    {0x1.8fab32f54395ap+2, -0x1.7b74af9aba5e5p-55, 0x1.94c2b3b9458b3p+2, 0x1.8fab32f54395ap+1,
     0x1.0dd7227b83b45p+0, 0x1.0a7221f8d7b9fp-2, 0x1.afbe9d8e91739p-5, 0x1.1c3579907164bp-7,
     0x1.48f5531a5c3b4p-10, 0x1.44d16e11641dbp-13},
    {0x1.a9c37c0485d7bp+2, -0x1.8aee1c3425db0p-52, 0x1.ae8c031e4baadp+2, 0x1.a9c37c0485d7bp+1,
     0x1.1f08021432743p+0, 0x1.1bd7a80303e60p-2, 0x1.cb40034f6a2ddp-5, 0x1.2ec3e667fe871p-7,
     0x1.5dea5cd4526a7p-10, 0x1.5a069ead4b580p-13},
    {0x1.c585ac0bf0694p+2, -0x1.3a1af48bdfd6dp-52, 0x1.ca040268a288cp+2, 0x1.c585ac0bf0694p+1,
     0x1.3158019b17084p+0, 0x1.2e591d5d4af1cp-2, 0x1.e88ccf5a2e880p-5, 0x1.42813061c8d69p-7,
     0x1.743d6e14f2d65p-10, 0x1.7095f2beb8809p-13},
    {0x1.e30d878bcd1ddp+2, 0x1.b68b8afa8d177p-54, 0x1.e7462be1a7f5bp+2, 0x1.e30d878bcd1ddp+1,
     0x1.44d972966ffbbp+0, 0x1.42090507de14ep-2, 0x1.03e12876078ecp-4, 0x1.5781166cf3a6bp-7,
     0x1.8c04dbc9cf6fcp-10, 0x1.8895fb7b14113p-13},
    {0x1.013c4c6ad6e3ep+3, -0x1.51fbde23f5a67p-52, 0x1.0337e2118bf28p+3, 0x1.013c4c6ad6e3ep+2,
     0x1.599fd81765462p+0, 0x1.56fb108e73db9p-2, 0x1.147fe0103f669p-4, 0x1.6dd89a2f96e79p-7,
     0x1.a5586f5bf720dp-10, 0x1.a21ebaeb2c313p-13},
    {0x1.11f326cc9a083p+3, -0x1.ade496288a8a1p-53, 0x1.13cffbaf0b503p+3, 0x1.11f326cc9a083p+2,
     0x1.6fbffa3eb9c32p+0, 0x1.6d4433bb780c1p-2, 0x1.26332e95f421cp-4, 0x1.859e150a25704p-7,
     0x1.c0517e7b5a605p-10, 0x1.bd49bbef3dc01p-13},
    {0x1.23bc0b2a2fd4cp+3, 0x1.05465095d2fe2p-51, 0x1.257bfc44fd82bp+3, 0x1.23bc0b2a2fd4cp+2,
     0x1.874ffb06a75c0p+0, 0x1.84fab98d951cfp-2, 0x1.390cc8cf53ec3p-4, 0x1.9ee94e72aa493p-7,
     0x1.dd0b047697ad6p-10, 0x1.da322bcbf58c8p-13},
    {0x1.36a8c3e36ae26p+3, 0x1.c8a65bbf81d41p-52, 0x1.384d914d051a0p+3, 0x1.36a8c3e36ae26p+2,
     0x1.a0676c66b17b5p+0, 0x1.9e365a848e848p-2, 0x1.4d1f89e8c7bccp-4, 0x1.b9d393be3a123p-7,
     0x1.fba1bd3889dd1p-10, 0x1.f8f4f559f8da3p-13},
};

static double sinh_small(double x)
{
	const double *p = small;
	double z = x * x, z2 = z * z, z4 = z2 * z2;
	double q =
	    (p[0] + z * p[1]) + z2 * (p[2] + z * p[3]) + z4 * ((p[4] + z * p[5]) + z2 * p[6]);

	return x + x * (z * q);
}

double sinh(double x)
{
	uint32_t ix = high_abs(x);
	double ax = __builtin_fabs(x), e, r;

	if (ix < 0x3fd00000) /* |x| < 1/4 */
		return sinh_small(x);
	if (ix < 0x40080000) { /* |x| < 3 */
		r = interval16_eval(tab, ax);
	} else if (ix < 0x40862e42) { /* |x| < 709.78, below log(DBL_MAX) */
		e = exp(ax);
		r = 0.5 * e - 0.5 / e;
	} else if (predict_false(ix >= 0x7ff00000 && isnan(x))) {
		return x + x;
	} else {
		return __expo2(ax, __builtin_copysign(1.0, x));
	}
	return __builtin_copysign(r, x);
}
