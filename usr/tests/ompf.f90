! SPDX-License-Identifier: BSD-3-Clause
! ompf: OpenMP in Fortran (-fopenmp, the omp_lib module of gcc-runtime's libgomp): a
! parallel reduction, a team of omp_get_max_threads() threads, OpenMP locks, CRITICAL,
! ATOMIC, nestable locks and a work-shared loop over an allocatable array. Prints
! "ompf: ok" when every result is right, whatever the number of threads.
program ompf
  use omp_lib
  implicit none
  integer, parameter :: n = 2000000
  integer(8) :: isum, expect
  real(8) :: x, pi
  real(8), allocatable :: a(:)
  integer :: i, nthreads, max_threads, counted, locked, critical, atomic
  integer(omp_lock_kind) :: lock
  logical :: ok

  ok = .true.
  max_threads = omp_get_max_threads()

  ! Reductions: an exact integer sum and a floating-point quadrature of pi.
  isum = 0
  pi = 0
!$omp parallel do reduction(+:isum, pi) private(x)
  do i = 1, n
    isum = isum + i
    x = (i - 0.5d0) / n
    pi = pi + 4 / (1 + x * x)
  end do
!$omp end parallel do
  pi = pi / n
  expect = int(n, 8) * (n + 1) / 2
  call check(isum == expect, 'integer reduction')
  call check(abs(pi - 4 * atan(1d0)) < 1d-10, 'real reduction (pi)')

  ! The team, a lock, a critical section and an atomic update: each thread counts once.
  nthreads = 0
  counted = 0
  locked = 0
  critical = 0
  atomic = 0
  call omp_init_lock(lock)
!$omp parallel shared(nthreads, counted, locked, critical, atomic)
!$omp single
  nthreads = omp_get_num_threads()
!$omp end single
  call omp_set_lock(lock)
  locked = locked + 1
  call omp_unset_lock(lock)
!$omp critical
  critical = critical + omp_get_thread_num() + 1
!$omp end critical
!$omp atomic
  atomic = atomic + 1
!$omp end parallel
  call omp_destroy_lock(lock)
  call check(nthreads == max_threads, 'team of omp_get_max_threads() threads')
  call check(locked == nthreads, 'omp_set_lock/omp_unset_lock')
  call check(critical == nthreads * (nthreads + 1) / 2, 'critical')
  call check(atomic == nthreads, 'atomic')
  call check(omp_test_lock_works(), 'omp_test_lock')
  call check(nest_lock_works(), 'nested locks')

  ! A work-shared loop over an allocatable array, with a dynamic schedule.
  allocate (a(n))
!$omp parallel do schedule(dynamic, 1000)
  do i = 1, n
    a(i) = 2 * i
  end do
!$omp end parallel do
  call check(sum(a) == 2 * real(expect, 8), 'parallel do over an allocatable array')
  call check(.not. omp_in_parallel() .and. omp_get_wtime() > 0, 'omp_in_parallel, omp_get_wtime')

  if (ok) then
    write (*, '(a)') 'ompf: ok'
  else
    error stop 1
  end if

contains

  subroutine check(good, what)
    logical, intent(in) :: good
    character(len=*), intent(in) :: what
    if (.not. good) then
      write (*, '(2a)') 'FAIL ', what
      ok = .false.
    end if
  end subroutine check

  logical function omp_test_lock_works()
    integer(omp_lock_kind) :: l
    call omp_init_lock(l)
    omp_test_lock_works = omp_test_lock(l)
    omp_test_lock_works = omp_test_lock_works .and. .not. omp_test_lock(l)
    call omp_unset_lock(l)
    call omp_destroy_lock(l)
  end function omp_test_lock_works

  ! A nestable lock taken twice by its owner, refused to another thread.
  logical function nest_lock_works()
    integer(omp_nest_lock_kind) :: l
    integer :: depth, other
    call omp_init_nest_lock(l)
    call omp_set_nest_lock(l)
    depth = omp_test_nest_lock(l)
    other = -1
!$omp parallel num_threads(2) shared(other)
    if (omp_get_thread_num() == 1) other = omp_test_nest_lock(l)
!$omp end parallel
    call omp_unset_nest_lock(l)
    call omp_unset_nest_lock(l)
    ! With one thread in the team (1 CPU), nobody else tried.
    nest_lock_works = depth == 2 .and. (other == 0 .or. (other == -1 .and. max_threads == 1))
    call omp_destroy_nest_lock(l)
  end function nest_lock_works

end program ompf
